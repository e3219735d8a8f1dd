// Scenario (issue 3, points 6–9): the projected wall at 1920×1080 and 1280×720 after 30
// contributions. The newest card is in view without scrolling; the question, the cards and the
// way to join are large; a new card animates, and does not under prefers-reduced-motion; the
// full-screen button is a real, named button; the theme toggle changes the colours; the footer
// links to the accessibility statement.
import fs from 'node:fs';
import { DESKTOP, SESSION, assert, card, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { contribute } from './facil.mjs';

const sv = JSON.parse(fs.readFileSync(new URL('../../web/assets/i18n/sv.json', import.meta.url), 'utf8'));

const PHRASES = [
  'Barnens röst måste komma in tidigt',
  'Skolan behöver vara med från början',
  'Fler vägar in i föreningslivet för unga',
  'Föräldrar behöver veta vart de kan vända sig',
  'Hur följer vi upp effekterna i olika delar av länet?',
  'Samverkan mellan region och kommun',
];
const text = (i) => `${i + 1}. ${PHRASES[i % PHRASES.length]}${i % 4 === 0 ? ' – och att det syns i budgeten, inte bara i planerna.' : '.'}`;
const NEWEST = 'Det nyaste inspelet: elevhälsan, socialtjänsten och fritidsgårdarna behöver ett gemensamt sätt att fånga upp barn tidigt, innan problemen växer, och det måste finnas resurser för uppföljning.';

/** Sizes and places the wall shows at this viewport; `newest` is the card expected first. */
function measure(newest) {
  const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
  const box = (sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
  };
  const inView = (r) => r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  const cards = [...document.querySelectorAll('#cards .card[data-id]')];
  const n = cards.filter((c) => inView(c.getBoundingClientRect())).length;
  const el = (sel) => ({ ...box(sel), inView: inView(box(sel)) });
  return {
    first: cards[0]?.dataset.id,
    cards: cards.length,
    fullyVisible: n,
    newest: el(`#cards .card[data-id="${newest}"]`),
    qr: el('#qr'),
    url: el('#join-url'),
    code: el('#join-code'),
    scrolled: { window: scrollY, wall: document.querySelector('.wall__scroll').scrollTop },
    page: { scrollHeight: document.documentElement.scrollHeight, innerHeight, innerWidth },
    font: { question: px('#wall-question'), card: px(`#cards .card[data-id="${newest}"] .card__text`), code: px('#join-code'), url: px('#join-url'), count: px('#count') },
  };
}

/** Records, for each card the moment it enters #cards, its animation as the browser sees it. */
function recordInsertions() {
  window.__inserted = {};
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        const found = node.matches('.card[data-id]') ? [node] : [...node.querySelectorAll('.card[data-id]')];
        for (const c of found) {
          if (window.__inserted[c.dataset.id]) continue;
          const cs = getComputedStyle(c);
          window.__inserted[c.dataset.id] = { name: cs.animationName, duration: cs.animationDuration, own: c.getAnimations().length, all: document.getAnimations().length };
        }
      }
    }
  }).observe(document.querySelector('#cards'), { childList: true, subtree: true });
}

await scenario('wall_details', async (h) => {
  const seeded = [];
  for (let i = 0; i < 29; i += 1) seeded.push(await contribute(text(i), { table: `Bord ${(i % 3) + 1}` }));

  const sizes = [
    { w: 1920, h: 1080, motion: 'no-preference', floor: { question: 44, card: 30, code: 54, url: 24 } },
    { w: 1280, h: 720, motion: 'reduce', floor: { question: 32, card: 22, code: 36, url: 18 } },
  ];
  for (const size of sizes) {
    const where = `${size.w}×${size.h}`;
    const ctx = await h.context({ ...DESKTOP, viewport: { width: size.w, height: size.h }, reducedMotion: size.motion });
    const wall = await h.open(ctx, SESSION.wall_url, `wall ${where}`);
    await ready(wall, `the wall at ${where}`);
    await wall.evaluate(recordInsertions);
    if (size.motion === 'reduce') {
      // The 30th came in while the first wall was open; this one opens with all 30.
      await layout(h, wall, where, size.floor, seeded.at(-1).id, 30);
      const another = await arrival(h, wall, where, size.motion, 'Ett inspel till, utan rörelse.');
      await layout(h, wall, where, size.floor, another.id, 31);
      await controls(h, wall);
    } else {
      seeded.push(await arrival(h, wall, where, size.motion, NEWEST));
      await layout(h, wall, where, size.floor, seeded.at(-1).id, 30);
    }
  }
});

/** A card arriving live: it animates gently, or not at all under reduced motion. */
async function arrival(h, wall, where, motion, text) {
  const live = await contribute(text, { table: 'Bord 2' });
  await card(wall, live.id);
  const got = await waitUntil(wall, (id) => window.__inserted[id], live.id, `the MutationObserver never saw card ${live.id} arrive`).then((x) => x.jsonValue());
  const after = await wall.evaluate((id) => ({ own: document.querySelector(`.card[data-id="${id}"]`).getAnimations().length, all: document.getAnimations().length }), live.id);
  console.log(`  ${where}, prefers-reduced-motion: ${motion}: new card animation "${got.name}" ${got.duration}, ${got.own} running at insertion; ${after.all} in the document just after`);
  if (motion === 'reduce') {
    h.check(got.name === 'none' || got.duration === '0s', `under reduced motion a new card still has animation "${got.name}" ${got.duration}`);
    h.check(got.own === 0 && after.all === 0, `under reduced motion animations run as a card arrives (${got.own} on the card, ${after.all} in the document)`);
  } else {
    h.check(got.name !== 'none' && got.own > 0, `a new card does not animate (animation-name "${got.name}", ${got.own} running)`);
    // Measured at rest.
    await waitUntil(wall, (id) => document.querySelector(`.card[data-id="${id}"]`).getAnimations().length === 0, live.id, 'the entrance animation never ended');
  }
  return live;
}

/** With `count` contributions, the newest is first and fully in view; text and how to join are large. */
async function layout(h, wall, where, floors, newest, count) {
  const m = await wall.evaluate(measure, newest);
  console.log(`  ${where}: ${m.cards} cards, ${m.fullyVisible} fully in view; the newest at ${m.newest.top.toFixed(0)}–${m.newest.bottom.toFixed(0)} px of ${m.page.innerHeight}; scrolled window ${m.scrolled.window}, wall ${m.scrolled.wall}`);
  console.log(`  ${where}: font-size question ${m.font.question}px, card text ${m.font.card}px, join code ${m.font.code}px, join URL ${m.font.url}px, count ${m.font.count}px; QR ${m.qr.width.toFixed(0)}×${m.qr.height.toFixed(0)} px`);
  h.check(m.cards === count, `${where}: the wall shows ${m.cards} cards, not ${count}`);
  h.check(m.first === newest, `${where}: the newest card is not first (first is ${m.first})`);
  h.check(m.newest.inView, `${where}: the newest card is not fully in view: ${JSON.stringify(m.newest)} in ${m.page.innerWidth}×${m.page.innerHeight}`);
  h.check(m.scrolled.window === 0 && m.scrolled.wall === 0, `${where}: the wall was scrolled (${JSON.stringify(m.scrolled)})`);
  h.check(m.page.scrollHeight <= m.page.innerHeight, `${where}: the page itself scrolls (scrollHeight ${m.page.scrollHeight})`);
  for (const [k, floor] of Object.entries(floors)) h.check(m.font[k] >= floor, `${where}: ${k} font-size ${m.font[k]}px is under ${floor}px`);

  // How to join: QR (loaded), URL and code, all on screen.
  await waitUntil(wall, () => { const i = document.querySelector('img#qr'); return i.complete && i.naturalWidth > 0; }, null, `${where}: img#qr never loaded`);
  const shown = await wall.evaluate(() => ({ url: document.querySelector('#join-url').textContent, code: document.querySelector('#join-code').textContent }));
  h.check(shown.code.includes(SESSION.code), `${where}: #join-code says "${shown.code}", not ${SESSION.code}`);
  h.check(shown.url === SESSION.join_url.replace(/^https?:\/\//, ''), `${where}: #join-url says "${shown.url}", not ${SESSION.join_url}`);
  for (const k of ['qr', 'url', 'code']) h.check(m[k].inView, `${where}: the join ${k} is not fully on screen: ${JSON.stringify(m[k])}`);
  h.check(m.qr.width >= 200, `${where}: the QR code is only ${m.qr.width}px wide`);

  const footer = wall.locator('footer a[href="/tillganglighet"]');
  h.check((await footer.count()) === 1 && (await footer.isVisible()), `${where}: the wall has no visible footer link to /tillganglighet`);
}

/** The full-screen button and the light/dark toggle. */
async function controls(h, wall) {
  const fs = wall.locator('#fullscreen');
  const tag = await fs.evaluate((b) => b.tagName);
  h.check(tag === 'BUTTON', `#fullscreen is a <${tag.toLowerCase()}>, not a <button>`);
  const named = wall.getByRole('button', { name: sv['wall.fullscreen'], exact: true });
  h.check((await named.count()) === 1 && (await named.isVisible()), `no visible button named "${sv['wall.fullscreen']}"`);
  await fs.click();
  const entered = await waitFor(wall, '#fullscreen[aria-pressed="true"]', 'pressing the full-screen button did not enter full screen').then(() => true, (e) => h.check(false, e.message));
  if (entered) {
    // Full screen is presentation mode: the controls come back on a mouse move.
    await wall.mouse.move(200, 200);
    await wall.mouse.move(220, 220);
    await fs.click();
    await waitFor(wall, '#fullscreen[aria-pressed="false"]', 'pressing the full-screen button again did not leave full screen').catch((e) => h.check(false, e.message));
  }

  const look = () => wall.evaluate(() => ({ theme: document.documentElement.dataset.theme ?? '', bg: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color }));
  const before = await look();
  await wall.click('#theme');
  await waitUntil(wall, (was) => (document.documentElement.dataset.theme ?? '') !== was, before.theme, 'the theme toggle did not change <html data-theme>');
  const dark = await look();
  console.log(`  theme: "${before.theme || '(system)'}" ${before.bg} → "${dark.theme}" ${dark.bg}`);
  h.check(dark.bg !== before.bg, `the theme toggle did not change the background (${before.bg})`);
  h.check(dark.text !== before.text, `the theme toggle did not change the text colour (${before.text})`);
  await wall.click('#theme');
  await waitUntil(wall, (was) => (document.documentElement.dataset.theme ?? '') !== was, dark.theme, 'the theme toggle did not switch back');
  const back = await look();
  assert.equal(back.bg, before.bg, 'toggling twice gives the first background back');
}

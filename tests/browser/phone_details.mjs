// Scenario (issue 3, point 5 and 2): the phone page at 320 px. Inputs at 16 px or more (no
// zoom on focus), touch targets at least 44×44 px, no sideways scrolling, the whole page
// under 100 KB; a table named in the link is preselected, table and perspective are
// remembered on the phone; no cookie; the footer links to the accessibility statement.
import { PHONE, SESSION, ready, scenario, submit, itemState, waitUntil } from './lib.mjs';

const BUDGET = 100 * 1024;
const joinUrl = (query = '') => `${SESSION.join_url}${query}`;

/** Inputs whose font is under 16 px, and visible buttons/selects smaller than 44×44 px. */
function measure() {
  const fonts = [...document.querySelectorAll('input:not([type="hidden"]), textarea, select')].map((e) => ({
    what: `${e.tagName.toLowerCase()}#${e.id}`,
    px: parseFloat(getComputedStyle(e).fontSize),
  }));
  const targets = [...document.querySelectorAll('button, select, input:not([type="hidden"]), textarea')]
    .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => {
      const r = e.getBoundingClientRect();
      return { what: `${e.tagName.toLowerCase()}#${e.id || e.className}`, w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10 };
    });
  return { fonts, targets, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
}

await scenario('phone_details', async (h) => {
  const ctx = await h.context(PHONE);

  // Every response the page loads until it is ready, by decoded body size.
  const bodies = [];
  const cookiesSet = [];
  const headerReads = [];
  ctx.on('response', (r) => {
    // allHeaders(), not headers(): the latter leaves out cookie headers.
    headerReads.push(r.allHeaders().then((hs) => hs['set-cookie'] && cookiesSet.push(`${r.url()}: ${hs['set-cookie']}`), () => {}));
    bodies.push(
      r.body().then(
        (b) => ({ url: r.url(), bytes: b.length }),
        () => ({ url: r.url(), bytes: 0 }), // redirects and aborted loads carry no body
      ),
    );
  });
  const phone = await h.open(ctx, joinUrl(`?table=${encodeURIComponent('Bord 2')}`), 'phone');
  await ready(phone, 'the phone page');
  const loaded = await Promise.all(bodies.splice(0));
  const total = loaded.reduce((n, x) => n + x.bytes, 0);
  console.log(`  payload until ready: ${total} bytes in ${loaded.length} responses (budget ${BUDGET})`);
  for (const x of loaded.sort((a, b) => b.bytes - a.bytes)) console.log(`    ${String(x.bytes).padStart(6)}  ${new URL(x.url).pathname}`);
  h.check(total < BUDGET, `the phone page loads ${total} bytes before it is ready, over the ${BUDGET}-byte budget`);

  // Preselected from the link.
  const table = await phone.$eval('select#table', (s) => s.value);
  h.check(table === 'Bord 2', `?table=Bord%202 did not preselect "Bord 2" in select#table (it shows "${table}")`);

  // Sizes at 320 px.
  const m = await phone.evaluate(measure);
  console.log(`  input font sizes: ${m.fonts.map((f) => `${f.what} ${f.px}px`).join(', ')}`);
  console.log(`  touch targets: ${m.targets.map((t) => `${t.what} ${t.w}×${t.h}`).join(', ')}`);
  console.log(`  scrollWidth ${m.scrollWidth} at innerWidth ${m.innerWidth}`);
  h.check(m.fonts.length >= 3, `expected the text field and two pickers, found ${m.fonts.map((f) => f.what).join(', ')}`);
  for (const f of m.fonts) h.check(f.px >= 16, `${f.what} has font-size ${f.px}px, under 16 px (phones zoom in on focus)`);
  for (const want of ['button#send-q1', 'select#table', 'select#perspective', 'button#lang']) {
    h.check(m.targets.some((t) => t.what === want), `${want} is not shown on the phone page`);
  }
  for (const t of m.targets) h.check(t.w >= 44 && t.h >= 44, `${t.what} is ${t.w}×${t.h} px, under 44×44`);
  h.check(m.scrollWidth <= 320, `the phone page scrolls sideways at 320 px (scrollWidth ${m.scrollWidth})`);

  // A long unbroken word in "my contributions" must not widen the page either.
  const id = await submit(phone, `https://exempel.se/${'ettlangtordutanmellanrum'.repeat(6)}`);
  await itemState(phone, id, 'sent');
  const after = await phone.evaluate(() => document.documentElement.scrollWidth);
  h.check(after <= 320, `a long word in "my contributions" makes the page scroll sideways (scrollWidth ${after})`);

  // Remembered: a perspective chosen, then the plain link (no table in it) keeps both.
  await phone.selectOption('select#perspective', { label: 'Akademi' });
  await phone.goto(joinUrl(), { waitUntil: 'load' });
  await ready(phone, 'the phone page after a reload');
  await waitUntil(phone, () => document.querySelector('select#table')?.options.length > 1, null, 'select#table was never filled after the reload');
  const kept = await phone.evaluate(() => ({
    table: document.querySelector('select#table').value,
    perspective: document.querySelector('select#perspective').value,
  }));
  h.check(kept.table === 'Bord 2', `after reloading the plain join link select#table shows "${kept.table}", not the remembered "Bord 2"`);
  h.check(kept.perspective === 'Akademi', `after reloading select#perspective shows "${kept.perspective}", not the remembered "Akademi"`);

  // No cookie, no tracking.
  await Promise.all(headerReads);
  const cookies = await ctx.cookies();
  h.check(cookies.length === 0, `the phone page set cookies: ${cookies.map((c) => c.name).join(', ')}`);
  h.check(cookiesSet.length === 0, `responses sent Set-Cookie: ${cookiesSet.join('; ')}`);

  // The accessibility statement, one tap away.
  const footer = phone.locator('footer a[href="/tillganglighet"]');
  h.check((await footer.count()) === 1 && (await footer.isVisible()), 'the phone page has no visible footer link to /tillganglighet');
  h.check(((await footer.textContent()) ?? '').trim().length > 0, 'the footer link to /tillganglighet has no text');
});

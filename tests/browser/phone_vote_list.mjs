// Scenario (issue 10, item 3, the phone): a dot vote on 160 cards at 320×568.
// - one compact row per card, a long card cut to two lines and shown whole on a tap;
// - each phone its own order, kept across a reload;
// - the filter box finds cards by words in any case; "only where I have dots" shows just those;
// - the dots left stay on screen at the bottom of the list, say the right number and are
//   announced when they change;
// - voting with the keyboard alone: Tab to a card's +, Enter and Space;
// - the phone never shows the room's totals (another phone's 3 dots show as 0 here);
// - axe-core finds nothing in Swedish or English.
import { randomUUID } from 'node:crypto';
import { PHONE, axeLines, missingKeys, ready, scenario, SESSION, waitFor, waitUntil } from './lib.mjs';
import { contribute, fac, vote } from './facil.mjs';

const CARDS = 160;
const DOTS = 5;
const SIZE = { width: 320, height: 568 };
const LONG = `Långt inspel: ${'Vi behöver fler mötesplatser för unga i hela länet, också på landsbygden där bussarna går sällan. '.repeat(3)}`.slice(0, 270);
const WORDS = ['skolan', 'fritid', 'trafik', 'hälsa', 'kultur', 'idrott', 'bibliotek', 'natur'];

/** The item ids in the order the phone shows them. */
const order = (page) => page.$$eval('#vote-items li[data-item]', (lis) => lis.map((li) => li.dataset.item));
/** The item ids of the rows on show (not filtered out). */
const shown = (page) => page.$$eval('#vote-items li[data-item]', (lis) => lis.filter((li) => !li.hidden).map((li) => li.dataset.item));
const left = (page) => page.$eval('#dots-left', (n) => n.textContent.trim());

async function openPhone(h, label) {
  const ctx = await h.context({ ...PHONE, viewport: SIZE });
  const page = await h.open(ctx, SESSION.join_url, label);
  await ready(page, `the ${label}`);
  await waitFor(page, '#vote-items li[data-item]', `the ${label} shows no vote`, { state: 'visible' });
  await waitUntil(page, (n) => document.querySelectorAll('#vote-items li[data-item]').length === n, CARDS, `the ${label} does not list all ${CARDS} cards`);
  return page;
}

await scenario('phone_vote_list', async (h) => {
  // 160 cards from 160 phones; one long, one "Unik Sökträff", the rest on the usual things.
  const cards = [];
  for (let i = 0; i < CARDS; i += 1) {
    const text = i === 0 ? LONG : i === 1 ? 'Unik Sökträff: en väg in för nya i föreningslivet' : `Kort ${i + 1} om ${WORDS[i % WORDS.length]} och vardagen för unga i länet.`;
    cards.push(await contribute(text));
  }
  const v = await fac('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: DOTS });
  h.check(v.items.length === CARDS, `the vote holds ${v.items.length} items, not ${CARDS}`);
  // Another phone puts 3 dots on the unique card: this phone must not see them.
  const other = await vote(v.id, cards[1].id, 3, randomUUID());
  h.check(other.status === 200, `another phone's dots were refused: ${other.status}`);

  const a = await openPhone(h, 'phone A');
  const b = await openPhone(h, 'phone B');

  // ---- compact, in an order of its own, kept across a reload ------------------------------
  const rows = await a.evaluate(() => {
    const lis = [...document.querySelectorAll('#vote-items li[data-item]')];
    const hs = lis.slice(0, 40).map((li) => li.getBoundingClientRect().height);
    return { max: Math.max(...hs), avg: hs.reduce((x, y) => x + y, 0) / hs.length };
  });
  console.log(`  rows at 320 px: ${rows.avg.toFixed(1)} px on average, ${rows.max.toFixed(1)} px at most`);
  h.check(rows.max <= 64, `a vote row is ${rows.max} px high at 320 px, not one compact row`);
  const orderA = await order(a);
  const orderB = await order(b);
  const same = orderA.filter((id, i) => orderB[i] === id).length;
  console.log(`  phone A and B: ${same} of ${CARDS} cards in the same place; first on A ${orderA[0]}, on B ${orderB[0]}`);
  h.check(same < CARDS / 4, `phones A and B list the cards in nearly the same order (${same} of ${CARDS} in the same place)`);
  h.check(JSON.stringify([...orderA].sort()) === JSON.stringify(v.items.map((i) => i.id).sort()), 'phone A does not list exactly the vote\'s cards');
  const created = v.items.map((i) => i.id);
  h.check(orderA.filter((id, i) => created[i] === id).length < CARDS / 4, 'phone A lists the cards in the order they were written');
  await a.reload({ waitUntil: 'load' });
  await ready(a, 'phone A after a reload');
  await waitUntil(a, (n) => document.querySelectorAll('#vote-items li[data-item]').length === n, CARDS, 'phone A lost its vote on reload');
  h.check(JSON.stringify(await order(a)) === JSON.stringify(orderA), 'phone A shows another order after a reload');

  // ---- a long card: cut, and whole on a tap -----------------------------------------------
  const long = `#vote-items li[data-item="${cards[0].id}"]`;
  await a.$eval(long, (li) => li.scrollIntoView({ block: 'center' }));
  const cutLong = () => a.$eval(`${long} .vote-item__label`, (n) => n.scrollHeight > n.clientHeight + 1);
  h.check(await cutLong(), 'the long card is not cut to a compact row');
  await a.click(`${long} .vote-item__label`);
  h.check(!(await cutLong()), 'a tap on the long card did not show all of it');
  await a.click(`${long} .vote-item__label`);

  // ---- the filter --------------------------------------------------------------------------
  await a.fill('#vote-filter', 'unik sökträff');
  await waitUntil(a, () => document.querySelectorAll('#vote-items li[data-item]:not([hidden])').length === 1, null, 'the filter "unik sökträff" does not leave exactly one card');
  h.check((await shown(a))[0] === cards[1].id, 'the filter found the wrong card');
  await waitUntil(a, () => /1 av 160 visas/.test(document.querySelector('#vote-shown')?.textContent || ''), null, 'the phone does not say "1 av 160 visas" (a live region) after filtering');
  // The room's totals are not here: another phone's 3 dots show as 0.
  const count = (page, id) => page.$eval(`#vote-items li[data-item="${id}"] [data-count]`, (n) => n.dataset.count);
  h.check((await count(a, cards[1].id)) === '0', 'phone A shows another phone\'s dots on a card');
  const voteText = await a.$eval('#vote', (n) => n.textContent);
  h.check(!/\b3 prickar\b/.test(voteText), 'the phone shows a total of the room\'s dots');
  await a.fill('#vote-filter', 'TRAFIK');
  const want = cards.filter((c) => /trafik/i.test(c.text)).length;
  await waitUntil(a, (n) => document.querySelectorAll('#vote-items li[data-item]:not([hidden])').length === n, want, `the filter "TRAFIK" does not leave the ${want} cards about trafik`);
  await a.fill('#vote-filter', 'finns inte någonstans');
  await waitFor(a, '#vote-none', 'no "nothing matches" when the filter finds nothing', { state: 'visible' });
  await a.fill('#vote-filter', '');
  await waitUntil(a, (n) => document.querySelectorAll('#vote-items li[data-item]:not([hidden])').length === n, CARDS, 'emptying the filter does not bring back every card');

  // ---- keyboard only -----------------------------------------------------------------------
  h.check(/^5 prickar kvar$/.test(await left(a)), `#dots-left says "${await left(a)}", not "5 prickar kvar"`);
  await a.focus('#vote-filter');
  await a.keyboard.type('unik');
  await waitUntil(a, () => document.querySelectorAll('#vote-items li[data-item]:not([hidden])').length === 1, null, 'typing "unik" does not filter to one card');
  await a.keyboard.press('Tab'); // "only where I have dots"
  await a.keyboard.press('Tab'); // the card's −
  await a.keyboard.press('Tab'); // the card's +
  const focused = await a.evaluate(() => ({ more: document.activeElement?.matches('button[data-more]'), item: document.activeElement?.closest('li')?.dataset.item }));
  h.check(focused.more && focused.item === cards[1].id, `three Tabs from the filter do not reach the card's + (focus: ${JSON.stringify(focused)})`);
  // Keyboard focus in the row shows the card whole.
  h.check(await a.$eval(`#vote-items li[data-item="${cards[1].id}"] .vote-item__label`, (n) => getComputedStyle(n).display === 'block'), 'keyboard focus in a row does not show its card whole');
  await a.keyboard.press('Enter');
  await a.keyboard.press('Space');
  await waitUntil(a, (id) => document.querySelector(`#vote-items li[data-item="${id}"] [data-count]`)?.dataset.count === '2', cards[1].id, 'Enter and Space on + did not place two dots');
  await waitUntil(a, () => /^3 prickar kvar$/.test(document.querySelector('#dots-left').textContent.trim()), null, '#dots-left does not say "3 prickar kvar" after two dots');
  await waitUntil(a, () => /2 prickar på: Unik Sökträff.*3 prickar kvar/.test(document.querySelector('#vote-live')?.textContent || ''), null, 'the dots left were not announced after the change');
  await a.keyboard.press('Shift+Tab'); // back to −
  await a.keyboard.press('Enter');
  await waitUntil(a, () => /1 prick på: Unik Sökträff.*4 prickar kvar/.test(document.querySelector('#vote-live')?.textContent || ''), null, 'taking a dot back by keyboard was not announced with 4 dots left');
  const server = (await fac('GET', '')).votes.find((x) => x.id === v.id).totals[cards[1].id];
  h.check(server === 4, `the server has ${server} dots on the card, not 3 + 1`);

  // ---- dots left in sight at the bottom of the list; "only mine" ----------------------------
  await a.fill('#vote-filter', '');
  await waitUntil(a, (n) => document.querySelectorAll('#vote-items li[data-item]:not([hidden])').length === n, CARDS, 'emptying the filter does not bring back every card');
  const last = orderA[CARDS - 1];
  await a.$eval(`#vote-items li[data-item="${last}"]`, (li) => li.scrollIntoView({ block: 'end' }));
  await a.click(`#vote-items li[data-item="${last}"] button[data-more]`);
  await waitUntil(a, () => /^3 prickar kvar$/.test(document.querySelector('#dots-left').textContent.trim()), null, '#dots-left does not say "3 prickar kvar" after a dot at the bottom');
  const bar = await a.evaluate(() => {
    const r = document.querySelector('#dots-left').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, h: innerHeight, y: scrollY };
  });
  h.check(bar.y > 2000 && bar.top >= 0 && bar.bottom <= bar.h, `at the bottom of the list (scrollY ${bar.y}) the dots left are at ${Math.round(bar.top)}–${Math.round(bar.bottom)} px, not on screen`);
  await a.check('#vote-only-mine');
  await waitUntil(a, () => document.querySelectorAll('#vote-items li[data-item]:not([hidden])').length === 2, null, '"only where I have dots" does not show just the two cards with dots');
  h.check(JSON.stringify((await shown(a)).sort()) === JSON.stringify([cards[1].id, last].sort()), '"only where I have dots" shows the wrong cards');
  await audit(h, a, 'phone with 160 cards, only mine');
  await a.uncheck('#vote-only-mine');
  await a.evaluate(() => window.scrollTo(0, 0));
  await audit(h, a, 'phone with 160 cards');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

/** axe in the page's language, then in the other, then back to the first. */
async function audit(h, page, where) {
  const problems = [];
  for (let turn = 0; turn < 2; turn += 1) {
    const lang = await page.evaluate(() => document.documentElement.lang);
    problems.push(...(await axeLines(page, `${where}, ${lang}`)));
    await page.click('button#lang');
    await waitUntil(page, (was) => document.documentElement.lang !== was, lang, `the language switch did not switch from "${lang}"`);
  }
  h.check(problems.length === 0, `axe-core found violations:\n      ${problems.join('\n      ')}`);
}

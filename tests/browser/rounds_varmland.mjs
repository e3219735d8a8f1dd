// Scenario (issue 8, scenario 1): the Värmland format end to end. One round, "Dialog 15
// minuter", of the three questions with a 15-minute time box, eight tables. The facilitator
// starts the round from the console; 30 phones (each its own device, its table from its QR
// card) answer all three questions, typing into several boxes before sending and sending in
// different orders; the wall at 1920×1080 shows the three questions as three columns side by
// side with the QR code in view; every contribution is filed under the question it was
// written for, exactly once.
import { DESKTOP, PHONE, SESSION, exported, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';

const PHONES = 30;
const AT_ONCE = 5;
const QUESTIONS = ['q1', 'q2', 'q3'];

/** What phone `i` writes to question `qid`: unique, and says where it belongs. */
const textFor = (i, qid) => `Telefon ${i + 1} svarar på ${qid}: ${['tankar om inriktningen', 'det som lockar', 'ett frågetecken'][QUESTIONS.indexOf(qid)]}.`;

async function phone(h, i) {
  const ctx = await h.context({ ...PHONE, viewport: { width: 320, height: 568 } });
  const table = `Bord ${(i % 8) + 1}`;
  const page = await h.open(ctx, `${SESSION.join_url}?table=${encodeURIComponent(table)}`, `phone ${i + 1}`);
  await ready(page, `phone ${i + 1}`);
  await waitFor(page, 'section.ask[data-question="q3"] textarea', `phone ${i + 1} does not show the round's three questions`);
  if (i === 0) {
    // At 320×568 the first question's text box is in view without scrolling.
    const r = await page.$eval('#text-q1', (t) => ({ top: t.getBoundingClientRect().top, bottom: t.getBoundingClientRect().bottom, h: innerHeight }));
    h.check(r.top >= 0 && r.bottom <= r.h, `at 320×568 the first text box is at ${Math.round(r.top)}–${Math.round(r.bottom)} px, not within the ${r.h} px screen`);
  }
  // Drafts in every box first, then sent in an order of this phone's own.
  for (const qid of QUESTIONS) await page.fill(`#text-${qid}`, textFor(i, qid));
  const order = [QUESTIONS, ['q3', 'q1', 'q2'], ['q2', 'q3', 'q1']][i % 3];
  for (const qid of order) await page.click(`#send-${qid}`);
  await waitUntil(
    page,
    (n) => document.querySelectorAll('#mine li[data-state="sent"]').length === n,
    QUESTIONS.length,
    `phone ${i + 1}'s three contributions were not all sent`,
  );
  const chosen = await page.$eval('select#table', (s) => s.value);
  h.check(chosen === table, `phone ${i + 1} opened with ?table=${table} but has "${chosen}" chosen`);
  await ctx.close();
}

await scenario('rounds_varmland', async (h) => {
  const wall = await h.open(await h.context({ ...DESKTOP, viewport: { width: 1920, height: 1080 } }), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');

  // The facilitator starts the round in the console.
  const fac = await h.open(await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }), SESSION.facilitator_url, 'console');
  await ready(fac, 'the console');
  await fac.click('button[data-round-action="start"][data-round="r1"]');
  await waitUntil(fac, () => /^1[45]:\d\d$/.test(document.querySelector('#round-timer-r1')?.textContent ?? ''), null, 'the round\'s countdown did not start from 15:00 in the console');
  await waitFor(wall, '#countdown[data-state="running"]', 'the wall shows no running countdown after the round started', { state: 'visible' });

  for (let first = 0; first < PHONES; first += AT_ONCE) {
    const batch = [];
    for (let i = first; i < Math.min(PHONES, first + AT_ONCE); i += 1) batch.push(phone(h, i));
    await Promise.all(batch);
  }

  // The wall: three columns side by side, the newest card on top of each, the QR in view.
  const total = PHONES * QUESTIONS.length;
  await waitUntil(wall, (n) => document.querySelectorAll('#cards .card').length === n, total, `the wall does not show all ${total} cards`);
  const cols = await wall.$$eval('#cards.cards-area--columns > section.column', (ss) =>
    ss.map((s) => {
      const r = s.getBoundingClientRect();
      return { q: s.dataset.column, left: r.left, top: r.top, width: r.width, cards: s.querySelectorAll('.card').length };
    }),
  );
  h.check(cols.map((c) => c.q).join() === QUESTIONS.join(), `the wall's columns are for ${cols.map((c) => c.q).join(', ')}, not q1, q2, q3`);
  h.check(cols.every((c, i) => i === 0 || (c.left > cols[i - 1].left + cols[i - 1].width - 1 && Math.abs(c.top - cols[0].top) < 2)), `the columns are not side by side: ${JSON.stringify(cols)}`);
  h.check(cols.every((c) => c.width >= 380), `a column is narrower than 380 px at 1920×1080: ${cols.map((c) => Math.round(c.width)).join(', ')}`);
  h.check(cols.every((c) => c.cards === PHONES), `each column should hold ${PHONES} cards: ${cols.map((c) => c.cards).join(', ')}`);
  const qr = await wall.$eval('#qr', (img) => { const r = img.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && img.complete && img.naturalWidth > 0; });
  h.check(qr, 'the QR code is not fully in view on the wall at 1920×1080');
  const fonts = await wall.$eval('#cards .card__text', (p) => parseFloat(getComputedStyle(p).fontSize));
  h.check(fonts >= 28, `card text is ${fonts}px at 1920×1080, too small to read from the back`);
  const heading = (await wall.textContent('#wall-question'))?.trim();
  h.check(heading === 'Dialog 15 minuter', `the wall's heading is "${heading}", not the round's title`);

  // The export: each text once, under the question it was written for.
  const data = await exported();
  h.check(data.contributions.length === total, `export.json holds ${data.contributions.length} contributions, not ${total}`);
  const wrong = [];
  for (let i = 0; i < PHONES; i += 1) {
    for (const qid of QUESTIONS) {
      const rows = data.contributions.filter((c) => c.text === textFor(i, qid));
      if (rows.length !== 1 || rows[0].question_id !== qid || rows[0].table !== `Bord ${(i % 8) + 1}` || rows[0].late) wrong.push(`${textFor(i, qid)} → ${JSON.stringify(rows.map((r) => [r.question_id, r.table, r.late]))}`);
    }
  }
  h.check(wrong.length === 0, `contributions filed wrongly (${wrong.length}):\n      ${wrong.slice(0, 6).join('\n      ')}`);
  // On the wall, each card under its own question's column.
  const misplaced = await wall.$$eval('#cards section.column', (ss) => ss.flatMap((s) => [...s.querySelectorAll('.card__text')].filter((p) => !p.textContent.includes(`på ${s.dataset.column}:`)).map((p) => p.textContent)));
  h.check(misplaced.length === 0, `cards in the wrong column: ${misplaced.slice(0, 4).join(' | ')}`);
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
  // Thirty phones one after another take a while on two cores; browser.rs stops it at 180 s.
}, { limit: 170_000 });

// Scenario: axe-core (WCAG 2.0/2.1 A and AA) finds nothing on the facilitator's console with
// every facilitation panel in use (a queue with a flagged card, themes, suggestions, a vote
// with dots, a running countdown, open settings) and on the printable table cards, at 1280 px,
// in Swedish and in English. Also: the console links to the cards, and each table gets a card
// with its own QR code.
import { DESKTOP, SESSION, axeLines, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { facApi, openConsole, phoneSays, phoneVotes } from './console_helpers.mjs';

const SIZE = { ...DESKTOP, viewport: { width: 1280, height: 800 } };

async function bothLanguages(h, page, where, prepare = async () => {}) {
  const problems = [];
  await prepare();
  problems.push(...(await axeLines(page, `${where}, ${await page.evaluate(() => document.documentElement.lang)}`)));
  const first = await page.evaluate(() => document.documentElement.lang);
  await page.click('button#lang');
  await waitUntil(page, (was) => document.documentElement.lang !== was, first, `the language switch on the ${where} did not switch from "${first}"`);
  await prepare();
  problems.push(...(await axeLines(page, `${where}, ${first === 'sv' ? 'en' : 'sv'}`)));
  h.check(problems.length === 0, `axe-core found violations:\n      ${problems.join('\n      ')}`);
}

await scenario('console_a11y', async (h) => {
  const a = await phoneSays('Barnens röst måste höras tidigt i processen.', { table: 'Bord 1' });
  const b = await phoneSays('Skolan måste vara med från början.', { table: 'Bord 2' });
  await phoneSays('Fler vägar in till föreningslivet för unga.', { table: 'Bord 3' });
  await facApi('PUT', '/moderation', { blocked_words: ['klantskalle'] });
  await phoneSays('En klantskalle skrev det här.', { table: 'Bord 2' });
  const theme = await facApi('POST', '/themes', { name: 'Barn och unga', question_id: 'q1' });
  await facApi('PUT', `/contributions/${a.id}/theme`, { theme_id: theme.id });
  await facApi('POST', `/contributions/${b.id}/pin`);
  const vote = await facApi('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: 3 });
  await phoneVotes(vote.id, a.id, 2, 'a-phone-in-the-room');
  await facApi('POST', '/questions/q1/timer', { action: 'start', duration_secs: 600 });

  const ctx = await h.context(SIZE);
  const fac = await openConsole(h, ctx);
  await waitFor(fac, '#queue li[data-id] mark', 'the queue shows no flagged contribution');
  await waitFor(fac, `[data-vote-item="${a.id}"][data-total="2"]`, 'the vote bars are not shown');
  // Suggestions: the server's, or a stand-in of the same shape while the endpoint is missing.
  await fac.click('#suggest-q1');
  await waitUntil(fac, () => !/…$/.test(document.querySelector('#proposals-status')?.textContent ?? '…'), null, 'suggesting themes never finished');
  if ((await fac.locator('[data-proposal]').count()) === 0) {
    await fac.route('**/suggest-themes', (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([{ name: 'Skolan', ids: [b.id], keywords: ['skola'] }]) }),
    );
    await fac.click('#suggest-q1');
  }
  await waitFor(fac, '[data-proposal]', 'no suggestion shown');
  const openAll = () => fac.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  await bothLanguages(h, fac, 'facilitator console at 1280 px', openAll);

  // The console's link to the table cards, opened as the facilitator would.
  const href = await fac.getAttribute('#cards-link', 'href');
  h.check(Boolean(href?.includes(`/facilitator/${SESSION.id}/cards#token=`)), `#cards-link points to "${href}"`);
  const cards = await h.open(ctx, new URL(href, SESSION.facilitator_url).href, 'table cards');
  await ready(cards, 'the table cards page');
  const tables = await cards.$$eval('.tcard', (cs) => cs.map((c) => c.dataset.table));
  h.check(JSON.stringify(tables) === JSON.stringify(['Bord 1', 'Bord 2', 'Bord 3']), `the cards are for ${JSON.stringify(tables)}`);
  const qrs = await cards.$$eval('.tcard img', (is) => is.map((i) => new URL(i.src).search));
  h.check(qrs[1] === `?table=${encodeURIComponent('Bord 2')}`, `the second card's QR code is not for its table: ${qrs[1]}`);
  await waitUntil(cards, () => [...document.images].every((i) => i.complete && i.naturalWidth > 0), null, 'a QR code on the cards did not load');
  const text = await cards.textContent('#sheets');
  h.check(text.includes(SESSION.code) && text.includes(SESSION.questions[0].text), 'the cards do not show the code and the questions');
  await bothLanguages(h, cards, 'table cards at 1280 px');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

// Scenario (issue 9, item 8): a table's discussion leader. The facilitator finds a link per
// table under Före (#leader-links); Bord 2's opens the leader's page on a phone at 320×568.
// The leader picks question 2, writes a summary and saves it by keyboard; the page says so,
// lists it and marks the question; the secretary's notes panel shows it live, labelled with
// the table, and the server stores it with the table. Too long a summary is refused on the
// page and nothing changes. No sideways scrolling at 320 px; axe-core finds nothing in Swedish
// or English. A link that does not work says what to do.
import { PHONE, DESKTOP, SESSION, api, axeLines, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';

const SMALL = { ...PHONE, viewport: { width: 320, height: 568 } };
const SUMMARY = 'Vi vill att barnen hörs tidigt.\nSkolan och fritiden hänger ihop – åäö 🙂';
const notes = () => api(`/api/sessions/${SESSION.id}/notes`, SESSION.secretary_token);

await scenario('leader_page', async (h) => {
  const fac = await h.open(await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }), SESSION.facilitator_url, 'console');
  await ready(fac, 'the console');
  await waitFor(fac, '#phase-before #leader-links a[data-leader-open="Bord 2"]', 'Före has no discussion leader\'s link for Bord 2');
  const tables = await fac.$$eval('#leader-links li .group__name', (xs) => xs.map((x) => x.textContent));
  h.check(tables.join('|') === 'Bord 1|Bord 2|Bord 3', `the leaders' links are for ${tables.join(', ')}`);
  const url = await fac.getAttribute('a[data-leader-open="Bord 2"]', 'href');
  h.check(url.includes(`/leader/${SESSION.id}#token=`), `the link is ${url}`);
  const label = await fac.getAttribute('button[data-leader-copy="Bord 2"]', 'aria-label');
  h.check(/Bord 2/.test(label), `the copy button's name does not say which table: ${label}`);

  // The leader's page on a small phone.
  const phoneCtx = await h.context(SMALL);
  const page = await h.open(phoneCtx, url, 'leader');
  await ready(page, 'the leader page');
  h.check((await page.textContent('#leader-table')).includes('Bord 2'), 'the page does not say which table');
  h.check((await page.textContent('h1')) === SESSION.title, 'the page does not show the session\'s title');
  const options = await page.$$eval('#leader-question option', (os) => os.map((o) => o.value));
  h.check(options.join() === 'q1,q2,q3', `the questions offered: ${options}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  h.check(wide <= 320, `the page scrolls sideways at 320 px (${wide} px wide)`);

  // Question 2 by keyboard: pick it, write, Tab to "Spara", Enter.
  await page.focus('#leader-question');
  await page.selectOption('#leader-question', 'q2');
  h.check((await page.textContent('#leader-question-text')) === SESSION.questions[1].text, 'the chosen question\'s text is not shown');
  await page.focus('#leader-text');
  await page.keyboard.type(SUMMARY);
  h.check(/\d+ av 600 tecken/.test(await page.textContent('#leader-count')), 'no character count');
  await page.keyboard.press('Tab');
  h.check(await page.evaluate(() => document.activeElement?.matches('#leader-form button[type="submit"]')), 'Tab from the text does not reach "Spara"');
  await page.keyboard.press('Enter');
  await waitUntil(page, () => /sparad/.test(document.querySelector('#leader-status')?.textContent ?? ''), null, 'saving said nothing');
  h.check(/fråga 2/.test(await page.textContent('#leader-status')), 'the confirmation does not name the question');
  await waitFor(page, '#leader-list .notes-list__item', 'the written summary is not listed');
  h.check(/sammanfattad/.test(await page.$eval('#leader-question option[value="q2"]', (o) => o.textContent)), 'question 2 is not marked as summed up');
  let stored = (await notes()).filter((n) => n.table);
  h.check(stored.length === 1 && stored[0].table === 'Bord 2' && stored[0].question_id === 'q2' && stored[0].text === SUMMARY, `stored: ${JSON.stringify(stored)}`);

  // The console's notes panel shows it live, with its table.
  await waitUntil(fac, () => /Bord 2/.test(document.querySelector('#table-notes-list')?.textContent ?? ''), null, 'the console does not show the table\'s summary');
  h.check((await fac.textContent('#table-notes-list')).includes('Vi vill att barnen hörs tidigt.'), 'the console shows another text');

  // Too long: refused on the page, nothing stored.
  await page.fill('#leader-text', 'å'.repeat(601));
  h.check(await page.$eval('#leader-count', (e) => e.classList.contains('is-over')), 'the count does not warn at 601 characters');
  await page.click('#leader-form button[type="submit"]');
  await waitUntil(page, () => /högst 600 tecken/.test(document.querySelector('#leader-status')?.textContent ?? ''), null, 'too long a summary gave no clear message');
  stored = (await notes()).filter((n) => n.table);
  h.check(stored.length === 1 && stored[0].text === SUMMARY, 'too long a summary changed what is stored');
  await page.fill('#leader-text', SUMMARY);

  // axe-core, both languages.
  const problems = [...(await axeLines(page, 'leader page, sv'))];
  await page.click('button#lang');
  await waitUntil(page, () => document.documentElement.lang === 'en', null, 'the switch did not turn the page English');
  h.check(/Your table: Bord 2/.test(await page.textContent('#leader-table')), 'the table line is not in English');
  h.check(/summed up/.test(await page.$eval('#leader-question option[value="q2"]', (o) => o.textContent)), 'the options are not in English');
  problems.push(...(await axeLines(page, 'leader page, en')));
  await page.click('button#lang');
  await waitUntil(page, () => document.documentElement.lang === 'sv', null, 'the switch did not turn the page back to Swedish');

  // A link that does not work says what to do.
  const bad = await h.open(phoneCtx, `${url.split('#')[0]}#token=${'a'.repeat(32)}`, 'bad leader link');
  await ready(bad, 'the leader page with a bad link');
  await waitFor(bad, '#problem:not([hidden])', 'a bad link shows no problem');
  h.check(/processledaren/.test(await bad.textContent('#problem')), 'a bad link does not say to ask the facilitator');
  h.check(await bad.locator('#leader-panel').isHidden(), 'a bad link still shows the form');
  problems.push(...(await axeLines(bad, 'leader page with a bad link, sv')));
  h.check(problems.length === 0, `axe-core found violations:\n      ${problems.join('\n      ')}`);

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

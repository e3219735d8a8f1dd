// Scenario (issue 10, item 5): the console follows the meeting's phases. In a new session
// "Öppna storbilden" (#open-wall) is in view at the top of a 1280×720 console; the bar
// (#console-bar: what runs now, its countdown, the join link and QR) stays in view when the
// page is scrolled to the bottom; Före, Under and Efter (.phase-nav links) are reached by the
// keyboard alone and move focus to their heading; Före holds the plan editor (rounds and
// questions to edit, reorder and add) and Under the run controls (start, next, open/close,
// countdowns), each only there; the card list uses the page (no box of its
// own scrolls) and is narrowed by a text search (#contrib-search) and a table
// (#contrib-table) besides the question; the review queue shows only with pre-moderation on
// or something waiting. axe-core finds nothing, in Swedish and English.
import { DESKTOP, SESSION, assert, axeLines, missingKeys, scenario, waitFor, waitUntil } from './lib.mjs';
import { facApi, openConsole, phoneSays } from './console_helpers.mjs';

const SIZE = { ...DESKTOP, viewport: { width: 1280, height: 720 } };

/** The element's box in the viewport. */
const box = (page, sel) => page.$eval(sel, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height }; });

/** Elements (not the page itself, not form fields) that scroll their own overflowing content. */
const scrollBoxes = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => !['TEXTAREA', 'SELECT', 'INPUT'].includes(e.tagName) && e.offsetParent !== null)
      .filter((e) => /(auto|scroll)/.test(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')}`),
  );

/** The ids of the cards the console's list shows now. */
const listed = (page) => page.$$eval('#contributions > li', (lis) => lis.map((li) => li.dataset.id));

await scenario('console_phases', async (h) => {
  const fac = await openConsole(h, await h.context(SIZE));

  // A new session: the wall is one click away without scrolling, and so is the join link.
  assert.equal(await fac.evaluate(() => scrollY), 0);
  for (const sel of ['#open-wall', '#bar-join-link', '#bar-qr', '.phase-nav']) {
    const b = await box(fac, sel);
    h.check(b.height > 0 && b.bottom <= 720, `${sel} is not in view at the top of a new session (${JSON.stringify(b)})`);
  }
  h.check((await fac.getAttribute('#open-wall', 'href')) === SESSION.wall_url, '#open-wall does not open the wall');
  h.check((await fac.textContent('#bar-join-link')) === SESSION.join_url, 'the bar does not show the join link');
  h.check((await fac.textContent('#bar-code')) === SESSION.code, 'the bar does not show the code');
  h.check(/Pass 1/.test(await fac.textContent('#bar-now')), `the bar says "${await fac.textContent('#bar-now')}", not the first round`);
  h.check((await fac.textContent('#bar-question')).includes(SESSION.questions[0].text), 'the bar does not show the question on show');
  h.check(await fac.locator('#moderation-panel').isHidden(), 'the review queue stands out though nothing waits and pre-moderation is off');

  // 60 cards from three tables (and some from none); five of them mention "cykelbana".
  const made = [];
  for (let i = 0; i < 60; i++) {
    const table = i % 4 === 3 ? null : `Bord ${(i % 4) + 1}`;
    const text = i % 12 === 5 ? `Säkrare Cykelbana till skolan, förslag ${i}` : `Inspel nummer ${i} om fritid och skola`;
    made.push({ ...(await phoneSays(text, { table })), table });
  }
  await waitUntil(fac, () => document.querySelectorAll('#contributions > li').length === 60, null, 'the console does not list the 60 cards');

  // The countdown shows in the bar, and stays in view at the bottom of the page.
  await facApi('POST', '/questions/q1/timer', { action: 'start', duration_secs: 600 });
  await waitUntil(fac, () => /^(9:5\d|10:00)$/.test(document.querySelector('#bar-time')?.textContent ?? ''), null, 'the bar shows no countdown from 10:00');
  h.check(/pågår/.test(await fac.textContent('#bar-timer-state')), 'the bar does not say the countdown runs');
  await fac.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await waitUntil(fac, () => scrollY > 2000, null, 'the page did not scroll far (does the list use the page?)');
  const bar = await box(fac, '#console-bar');
  h.check(bar.top >= 0 && bar.top < 20 && bar.bottom < 360, `the bar is not at the top after scrolling: ${JSON.stringify(bar)}`);
  const wallBtn = await box(fac, '#open-wall');
  h.check(wallBtn.top >= 0 && wallBtn.bottom <= 720, 'Öppna storbilden scrolled away with the page');
  const boxes = await scrollBoxes(fac);
  h.check(boxes.length === 0, `boxes scroll inside the page: ${boxes.join(', ')}`);

  // The phases by keyboard alone: Tab from the wall button to "Efter", Enter.
  await fac.focus('#open-wall');
  let onAfter = false;
  for (let i = 0; i < 6 && !onAfter; i++) {
    await fac.keyboard.press('Tab');
    onAfter = await fac.evaluate(() => document.activeElement?.dataset.phase === 'after');
  }
  h.check(onAfter, 'Tab from Öppna storbilden never reached the "Efter" link');
  await fac.evaluate(() => scrollTo(0, 0));
  await fac.keyboard.press('Enter');
  await waitUntil(fac, () => document.activeElement?.id === 'phase-after-heading', null, 'Enter on "Efter" did not move focus to its heading');
  const after = await box(fac, '#phase-after-heading');
  const barNow = await box(fac, '#console-bar');
  h.check(after.top >= barNow.bottom - 1 && after.bottom <= 720, `the Efter heading is hidden under the bar or off screen: ${JSON.stringify({ after, barNow })}`);
  h.check((await fac.getAttribute('[data-phase="after"].phase-nav__link', 'aria-current')) === 'true', '"Efter" is not marked aria-current');
  h.check(await fac.locator('#phase-after #themes-panel, #phase-after #export-heading').count() === 2, 'Efter does not hold the themes and the exports');
  // Shift+Tab goes back up to the links; "Före" the same way.
  await fac.focus('[data-phase="before"].phase-nav__link');
  await fac.keyboard.press('Enter');
  await waitUntil(fac, () => document.activeElement?.id === 'phase-before-heading', null, 'Enter on "Före" did not move focus to its heading');
  h.check(await fac.locator('#phase-before #cards-link').count() === 1, 'Före does not hold the table cards to print');
  h.check(await fac.locator('#phase-during #rounds').count() === 1, 'Under does not hold the rounds');
  // Före holds the plan editor and Under the run controls, each only there (issue 10, item 5).
  const count = (phase, sel) => fac.locator(`#phase-${phase} ${sel}`).count();
  const editor = ['#plan-panel', '#plan > li.round', 'button[data-round-action="up"]', 'button[data-round-action="down"]', 'details.round__edit', 'details.q__edit', 'button[data-question-move]', '#add-question'];
  const runs = ['#round-next', '#round-autoclose', 'button[data-round-action="start"]', 'button[data-action="activate"]', 'button[data-action="close"]', 'button[data-timer="start"]'];
  for (const sel of editor) h.check((await count('before', sel)) > 0 && (await count('during', sel)) === 0, `the plan editor's ${sel} is not in Före alone`);
  for (const sel of runs) h.check((await count('during', sel)) > 0 && (await count('before', sel)) === 0, `the run control ${sel} is not in Under alone`);
  h.check((await fac.$$eval('#plan > li', (lis) => lis.map((li) => li.dataset.round))).join() === (await fac.$$eval('#rounds > li', (lis) => lis.map((li) => li.dataset.round))).join(), 'the plan in Före and the rounds in Under list different rounds');
  h.check(await fac.evaluate(() => !location.hash.includes('phase')), 'the phase links replaced the page key in the URL');

  // Search: every word, any case; with a table; "no table".
  const bike = made.filter((c) => /cykelbana/i.test(c.text));
  await fac.fill('#contrib-search', 'cykelBANA');
  await waitUntil(fac, (n) => document.querySelectorAll('#contributions > li').length === n, bike.length, 'the search does not narrow the list to the cards with the word');
  h.check(JSON.stringify((await listed(fac)).sort()) === JSON.stringify(bike.map((c) => c.id).sort()), 'the search shows other cards than those with the word');
  await waitUntil(fac, (n) => (document.querySelector('#contrib-shown')?.textContent ?? '').includes(`Visar ${n} av 60 inspel`), bike.length, 'the status does not say how many cards the search shows');
  await fac.selectOption('#contrib-table', 'Bord 2');
  const bike2 = bike.filter((c) => c.table === 'Bord 2').map((c) => c.id).sort();
  await waitUntil(fac, (n) => document.querySelectorAll('#contributions > li').length === n, bike2.length, 'search and table together do not narrow the list');
  h.check(JSON.stringify((await listed(fac)).sort()) === JSON.stringify(bike2), 'search + table show the wrong cards');
  await fac.fill('#contrib-search', '');
  const none = made.filter((c) => !c.table).map((c) => c.id).sort();
  await fac.selectOption('#contrib-table', { label: 'Utan bord' });
  await waitUntil(fac, (n) => document.querySelectorAll('#contributions > li').length === n, none.length, '"Utan bord" does not show the cards without a table');
  h.check(JSON.stringify((await listed(fac)).sort()) === JSON.stringify(none), '"Utan bord" shows cards with a table');
  await fac.fill('#contrib-search', 'finnsinte');
  await waitUntil(fac, () => /Inga inspel passar/.test(document.querySelector('#contrib-shown')?.textContent ?? ''), null, 'a search that finds nothing says nothing');
  await fac.fill('#contrib-search', '');
  await fac.selectOption('#contrib-table', '');
  await waitUntil(fac, () => document.querySelectorAll('#contributions > li').length === 60 && !document.querySelector('#contrib-shown').textContent, null, 'clearing the filters does not bring back every card');

  // The queue stands out once pre-moderation is on.
  await facApi('PUT', '/moderation', { premoderation: true });
  await waitFor(fac, '#moderation-panel:not([hidden])', 'pre-moderation on, the review queue does not show');
  await phoneSays('Väntar på godkännande', { table: 'Bord 1' });
  await waitFor(fac, '#queue li[data-id]', 'the waiting card is not in the queue');

  // axe-core, both languages, with the filters in use and the queue shown.
  await fac.fill('#contrib-search', 'skola');
  const problems = [...(await axeLines(fac, 'console by phase, sv'))];
  await fac.click('button#lang');
  await waitUntil(fac, () => document.documentElement.lang === 'en', null, 'the switch did not turn the console English');
  await waitUntil(fac, () => /Showing \d+ of 60 contributions/.test(document.querySelector('#contrib-shown')?.textContent ?? ''), null, 'the search status is not in English');
  h.check(/Before/.test(await fac.textContent('.phase-nav')), 'the phase links are not in English');
  problems.push(...(await axeLines(fac, 'console by phase, en')));
  h.check(problems.length === 0, `axe-core found violations:\n      ${problems.join('\n      ')}`);

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

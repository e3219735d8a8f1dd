// Scenario (issue 8): axe-core (WCAG 2.0/2.1 A and AA) finds nothing, in Swedish and in
// English, on every page rounds changed: the phone with a round of three questions at
// 320×568, with a draft left behind and with its thank-you; the wall with the round as
// columns, taking turns and closed with its counts; the console with the plan and every edit
// box open; the admin form with a plan of rounds. Also: at 320×568 the first question's box is
// in view without scrolling, and with the keyboard up "Skicka" stays on screen.
import { ADMIN_TOKEN, BASE, DESKTOP, PHONE, SESSION, axeLines, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { fac } from './facil.mjs';

/** axe in the page's language, then in the other, then back. */
async function audit(h, page, where, prepare = async () => {}) {
  const problems = [];
  for (let turn = 0; turn < 2; turn += 1) {
    await prepare();
    const lang = await page.evaluate(() => document.documentElement.lang);
    problems.push(...(await axeLines(page, `${where}, ${lang}`)));
    await page.click('button#lang');
    await waitUntil(page, (was) => document.documentElement.lang !== was, lang, `the language switch on the ${where} did not switch from "${lang}"`);
  }
  h.check(problems.length === 0, `axe-core found violations:\n      ${problems.join('\n      ')}`);
}

await scenario('rounds_a11y', async (h) => {
  // ---- the phone at 320×568 ------------------------------------------------------------
  const phoneCtx = await h.context({ ...PHONE, viewport: { width: 320, height: 568 } });
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  await waitFor(phone, 'section.ask[data-question="q3"]', 'the phone does not show the round\'s three questions');
  const box = await phone.$eval('#text-q1', (t) => { const r = t.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, h: innerHeight, y: scrollY }; });
  h.check(box.y === 0 && box.top >= 0 && box.bottom <= box.h, `at 320×568 the first text box is at ${Math.round(box.top)}–${Math.round(box.bottom)} px, not in view without scrolling (${box.h} px)`);
  await audit(h, phone, 'phone with a round of three');

  // The keyboard up: a short screen, focus in the box, the question scrolled to the top.
  await phone.click('#text-q1');
  await phone.keyboard.type('Med tangentbordet uppe ska Skicka gå att nå.');
  await phone.setViewportSize({ width: 320, height: 220 });
  await phone.$eval('#ask-h-q1', (hd) => hd.scrollIntoView({ block: 'start' }));
  const send = await phone.$eval('#send-q1', (b) => { const r = b.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, h: innerHeight }; });
  h.check(send.top >= 0 && send.bottom <= send.h + 0.5, `with the keyboard up (220 px) "Skicka" is at ${Math.round(send.top)}–${Math.round(send.bottom)} px, off screen`);
  await phone.setViewportSize({ width: 320, height: 568 });

  // ---- the wall at 1280×720: three columns ---------------------------------------------
  const desk = await h.context({ ...DESKTOP, viewport: { width: 1280, height: 720 } });
  const wall = await h.open(desk, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  await fac('POST', '/rounds/r1/start');
  await waitFor(wall, '#cards.cards-area--columns > section.column:nth-child(3)', 'the wall does not show three columns at 1280×720');
  const widths = await wall.$$eval('section.column', (ss) => ss.map((s) => s.getBoundingClientRect().width));
  h.check(widths.length === 3 && widths.every((w) => w >= 250), `the columns at 1280×720 are ${widths.map(Math.round).join(', ')} px wide`);
  await audit(h, wall, 'wall with three columns');

  // ---- the console, every edit box open --------------------------------------------------
  const console_ = await h.open(await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }), SESSION.facilitator_url, 'console');
  await ready(console_, 'the console');
  await waitFor(console_, 'li.round[data-round="r1"][aria-current="true"]', 'the console does not mark round 1 as on now');
  const openAll = () => console_.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  await audit(h, console_, 'console with the plan', openAll);

  // ---- the admin form with a plan of rounds ----------------------------------------------
  const admin = await h.open(desk, `${BASE}/admin#token=${ADMIN_TOKEN}`, 'admin');
  await ready(admin, 'the admin page');
  await admin.fill('#questions', 'Vad hoppas du på i dag?\n# Dialog 15 minuter (15 min)\nVad väcker inriktningen?\nVad lockar?\nVilka frågetecken finns?\n# Reflektion');
  await waitFor(admin, '#plan li.plan-preview__round:nth-child(3)', 'the admin form does not preview three rounds');
  await audit(h, admin, 'admin form with rounds', () => admin.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; })));

  // ---- the wall taking turns -------------------------------------------------------------
  await fac('PATCH', '', { wall_layout: 'rotate' });
  await waitFor(wall, '#rotate-tools:not([hidden])', 'the wall does not take turns after the layout changed to rotate');
  const pos = async () => (await wall.textContent('#rotate-pos'))?.trim();
  h.check((await pos()) === 'Fråga 1 av 3', `the turning wall says "${await pos()}", not "Fråga 1 av 3"`);
  await wall.click('#rotate-next');
  await waitUntil(wall, () => document.querySelector('#rotate-pos')?.textContent.trim() === 'Fråga 2 av 3', null, 'the next button did not turn to question 2 of 3');
  h.check((await wall.textContent('#wall-question'))?.includes('Vad lockar'), 'the turning wall does not show question 2 after turning to it');
  await audit(h, wall, 'wall taking turns');

  // ---- a draft left behind, then the end -------------------------------------------------
  await phone.fill('#text-q2', 'Ett utkast när rummet går vidare.');
  await fac('POST', '/rounds/next');
  await waitFor(phone, 'section.ask[data-question="q2"][data-state="late"]', 'the phone does not keep the draft left behind');
  await audit(h, phone, 'phone with a draft left behind');
  await fac('POST', '/rounds/next');
  await waitFor(phone, '#ended:not([hidden])', 'the phone shows no thank-you when the last round has closed');
  const thanks = (await phone.textContent('#ended-text'))?.trim();
  h.check(thanks === 'Dialogen är avslutad. Tack för att du delade dina tankar.', `the phone's thank-you says "${thanks}"`);
  await audit(h, phone, 'phone thanking');
  await waitFor(wall, '#ended-view:not([hidden]) li[data-question="q4"]', 'the wall shows no closing view with the count per question');
  await audit(h, wall, 'wall closed');
  await waitUntil(console_, () => /avslutad|ended/.test(document.querySelector('#round-now')?.textContent ?? ''), null, 'the console does not say the dialogue has ended');
  await audit(h, console_, 'console after the end', openAll);

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

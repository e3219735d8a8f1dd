// Scenario (issue 10, item 4 and the end state): the phone above the fold. A long title, a
// long question and pre-moderation on, as a real meeting has them:
// - at 320×568, 390×664 and 390×844 the question's text box is wholly on screen without
//   scrolling, and the question, cut to a few lines, opens in full with a button;
// - with the on-screen keyboard up "Skicka" stays on screen, tried two ways: as Android's
//   Chrome does it (the page itself gets shorter: the viewport is resized), and as iOS Safari
//   does it (only the visual viewport gets shorter; Chromium cannot do that by itself, so
//   window.visualViewport is replaced with a stand-in that the scenario shrinks);
// - "Skickat ✓" is said in a live region beside the button and the box, on screen;
// - when the meeting is over the phone thanks, with the closing words, instead of a form (no
//   pickers, no hints, no empty "my contributions"), in Swedish and in English, also after a
//   reload;
// - axe-core finds nothing in either language.
import { PHONE, SESSION, axeLines, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { fac } from './facil.mjs';

const SIZES = [
  { width: 320, height: 568 },
  { width: 390, height: 664 },
  { width: 390, height: 844 },
];
const CLOSING = 'Tack för i dag! Sammanställningen skickas ut i nästa vecka.';

/** Where the first open text box, its send button and its status line are, and the scroll. */
function measure() {
  const box = document.querySelector('section.ask textarea:not([readonly])');
  const ask = box?.closest('section.ask');
  const rect = (n) => {
    if (!n) return null;
    const r = n.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  };
  return {
    box: rect(box),
    send: rect(ask?.querySelector('.ask__send')),
    status: rect(ask?.querySelector('.ask__status')),
    statusText: ask?.querySelector('.ask__status')?.textContent ?? '',
    y: scrollY,
    h: innerHeight,
    w: innerWidth,
    vv: window.visualViewport ? { top: visualViewport.offsetTop, height: visualViewport.height } : null,
  };
}

const inView = (r, top, bottom) => r && r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
const px = (r) => (r ? `${Math.round(r.top)}–${Math.round(r.bottom)}` : 'absent');

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

/**
 * A stand-in for window.visualViewport, as iOS has it with the keyboard up: the visual
 * viewport gets shorter while the page (the layout viewport) keeps its height.
 * window.__keyboard(px) raises a keyboard of that height (0: none).
 */
function fakeVisualViewport() {
  const vv = new EventTarget();
  let keyboard = 0;
  const props = {
    width: () => innerWidth,
    height: () => innerHeight - keyboard,
    offsetTop: () => 0,
    offsetLeft: () => 0,
    pageTop: () => scrollY,
    pageLeft: () => scrollX,
    scale: () => 1,
  };
  for (const [k, get] of Object.entries(props)) Object.defineProperty(vv, k, { get });
  Object.defineProperty(window, 'visualViewport', { configurable: true, get: () => vv });
  window.__keyboard = (h) => {
    keyboard = h;
    vv.dispatchEvent(new Event('resize'));
  };
}

await scenario('phone_fold', async (h) => {
  await fac('PUT', '/moderation', { premoderation: true });

  // ---- the box in view at three sizes ---------------------------------------------------
  const phones = [];
  for (const size of SIZES) {
    const ctx = await h.context({ ...PHONE, viewport: size });
    const where = `at ${size.width}×${size.height}`;
    const phone = await h.open(ctx, SESSION.join_url, `phone ${where}`);
    phones.push({ phone, ctx, where, size });
    await ready(phone, `the phone page ${where}`);
    await waitFor(phone, 'section.ask textarea:not([readonly])', 'the phone shows no open text box');
    await waitFor(phone, '#premod:not([hidden])', 'the phone does not say that contributions are read first');
    const m = await phone.evaluate(measure);
    console.log(`  ${where}: text box ${px(m.box)}, Skicka ${px(m.send)} (scrollY ${m.y})`);
    h.check(m.y === 0 && inView(m.box, 0, m.h), `${where} the text box is at ${px(m.box)} px, not on screen without scrolling (${m.h} px high)`);
    h.check(m.w === size.width && (await phone.evaluate(() => document.documentElement.scrollWidth)) <= size.width, `${where} the page scrolls sideways`);

    // The long question is cut; the button shows all of it and cuts it again.
    const q = '#ask-h-q1';
    const cut = () => phone.$eval(q, (n) => n.scrollHeight > n.clientHeight + 1);
    const expand = 'section.ask[data-question="q1"] .ask__expand';
    if (await cut()) {
      h.check(await phone.isVisible(expand), `${where} the question is cut and no button shows all of it`);
      await phone.click(expand);
      h.check(!(await cut()), `${where} "Visa hela frågan" did not show the whole question`);
      h.check((await phone.getAttribute(expand, 'aria-expanded')) === 'true', `${where} the expand button does not say it is expanded`);
      if (size.width === 320) await audit(h, phone, `phone ${where}, the question in full`);
      await phone.click(expand);
      h.check(await cut(), `${where} the question was not cut again`);
    } else {
      h.check(!(await phone.isVisible(expand)), `${where} the question is whole but a button offers to show all of it`);
    }
    if (size.width === 320) await audit(h, phone, `phone ${where}`);
  }

  // ---- "Skickat ✓" where the eye is ------------------------------------------------------
  await fac('PUT', '/moderation', { premoderation: false });
  for (const { phone, ctx, where } of phones) {
    await waitFor(phone, '#premod', `${where} the phone kept the pre-moderation notice`, { state: 'hidden' });
    // A live region that is in the page before it speaks (one shown only with its words is
    // not heard by every screen reader).
    const before = await phone.$eval('section.ask[data-question="q1"] .ask__status', (n) => ({ role: n.getAttribute('role'), display: getComputedStyle(n).display }));
    h.check(before.role === 'status' && before.display !== 'none', `${where} the send status is not a live region in the page before it speaks (${JSON.stringify(before)})`);
    await phone.fill('#text-q1', `Ett inspel ${where}.`);
    await phone.click('#send-q1');
    await waitUntil(phone, () => document.querySelector('section.ask[data-question="q1"] .ask__status')?.textContent === 'Skickat ✓', null, `${where} the box never said "Skickat ✓"`);
    const s = await phone.evaluate(measure);
    console.log(`  ${where}: "${s.statusText}" at ${px(s.status)}, Skicka at ${px(s.send)}, scrollY ${s.y}`);
    h.check(inView(s.status, 0, s.h), `${where} "${s.statusText}" is at ${px(s.status)} px, off screen (${s.h} px)`);
    h.check(s.status && s.send && Math.abs(s.status.top - s.send.top) < 48, `${where} the sent state (${px(s.status)}) is not beside Skicka (${px(s.send)})`);
    await ctx.close();
  }

  // ---- the keyboard up, as Android's Chrome does it: the page gets shorter ----------------
  for (const size of SIZES.slice(0, 2)) {
    const ctx = await h.context({ ...PHONE, viewport: size });
    const phone = await h.open(ctx, SESSION.join_url, 'phone, android keyboard');
    await ready(phone, 'the phone page');
    await phone.click('#text-q1');
    await phone.keyboard.type('Med tangentbordet uppe ska Skicka gå att nå.\nOch en rad till.');
    const visible = size.height - 290;
    await phone.setViewportSize({ width: size.width, height: visible });
    // The caret's line just above the keyboard, as the browser scrolls a box into view.
    await phone.$eval('#text-q1', (t) => window.scrollBy(0, t.getBoundingClientRect().top - (innerHeight - 40)));
    const m = await phone.evaluate(measure);
    h.check(inView(m.send, 0, m.h), `Android, ${size.width}×${size.height} with a 290 px keyboard: Skicka is at ${px(m.send)} px, off the ${m.h} px left`);
    await ctx.close();
  }

  // ---- the keyboard up, as iOS Safari does it: only the visual viewport gets shorter -------
  for (const size of SIZES.slice(0, 2)) {
    const ctx = await h.context({ ...PHONE, viewport: size });
    await ctx.addInitScript(fakeVisualViewport);
    const phone = await h.open(ctx, SESSION.join_url, 'phone, ios keyboard');
    await ready(phone, 'the phone page');
    await phone.click('#text-q1');
    await phone.keyboard.type('Med tangentbordet uppe ska Skicka gå att nå.');
    const keyboard = 300;
    await phone.evaluate((k) => window.__keyboard(k), keyboard);
    const bottom = size.height - keyboard;
    await phone.$eval('#text-q1', (t, b) => window.scrollBy(0, t.getBoundingClientRect().top - (b - 40)), bottom);
    await waitUntil(phone, (b) => {
      const r = document.querySelector('#send-q1').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= b + 0.5;
    }, bottom, `iOS, ${size.width}×${size.height} with a ${keyboard} px keyboard: Skicka never came above the keyboard (visible: 0–${bottom} px)`).catch((e) => h.check(false, e.message));
    const m = await phone.evaluate(measure);
    console.log(`  iOS-like keyboard at ${size.width}×${size.height}: visual viewport ${JSON.stringify(m.vv)}, Skicka ${px(m.send)}`);
    // The keyboard down again: the bar goes back where it was.
    await phone.evaluate(() => window.__keyboard(0));
    await waitUntil(phone, () => getComputedStyle(document.documentElement).getPropertyValue('--kb-inset').trim() === '0px', null, 'the bar kept its lift after the keyboard went down');
    await ctx.close();
  }

  // ---- the end: thanks instead of a form -------------------------------------------------
  const ctx = await h.context({ ...PHONE, viewport: SIZES[0] });
  const phone = await h.open(ctx, SESSION.join_url, 'phone at the end');
  await ready(phone, 'the phone page');
  await fac('PATCH', '', { closing_text: CLOSING });
  await fac('POST', '/rounds/next');
  await waitFor(phone, 'section.ask[data-question="q2"] textarea:not([readonly])', 'the phone does not follow to the second round');
  await fac('POST', '/rounds/next');
  const ended = async (lang) => {
    await waitFor(phone, '#ended:not([hidden])', `${lang}: the phone shows no thank-you after the last round`);
    const r = await phone.evaluate(() => ({
      heading: document.querySelector('#ended-heading').textContent.trim(),
      text: document.querySelector('#ended-text').textContent.trim(),
      top: document.querySelector('#ended').getBoundingClientRect().top,
      bottom: document.querySelector('#ended-text').getBoundingClientRect().bottom,
      h: innerHeight,
      boxes: [...document.querySelectorAll('textarea, select, #send-q1, #send-q2')].filter((n) => n.getClientRects().length > 0).map((n) => n.id),
      hints: ['#anon', '#text-hint', '#premod', '.about', '.mine-section'].filter((s) => document.querySelector(s)?.getClientRects().length > 0),
    }));
    h.check(r.text === CLOSING, `${lang}: the thank-you says "${r.text}", not the closing words`);
    h.check(r.boxes.length === 0, `${lang}: the ended page still shows a form: ${r.boxes.join(', ')}`);
    h.check(r.hints.length === 0, `${lang}: the ended page still shows ${r.hints.join(', ')}`);
    h.check(r.top >= 0 && r.bottom <= r.h, `${lang}: the thank-you is at ${Math.round(r.top)}–${Math.round(r.bottom)} px, not on screen (${r.h})`);
    return r.heading;
  };
  h.check((await ended('sv')) === 'Tack för dina inspel!', 'the Swedish thank-you heading is wrong');
  await phone.click('button#lang');
  await waitUntil(phone, () => document.documentElement.lang === 'en', null, 'the language switch did not switch to English');
  h.check((await ended('en')) === 'Thank you for your contributions!', 'the English thank-you heading is wrong');
  await phone.click('button#lang');
  // The switch loads the other language's file first; audit reads the language it starts in.
  await waitUntil(phone, () => document.documentElement.lang === 'sv', null, 'the language switch did not switch back to Swedish');
  await audit(h, phone, 'phone at the end');
  // A phone opened after the end thanks at once.
  await phone.reload({ waitUntil: 'load' });
  await ready(phone, 'the phone page after a reload');
  await ended('sv after a reload');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

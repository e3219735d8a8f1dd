// Scenario (issue 3, points 10–12 and 14): keyboard alone, with visible focus. In the
// facilitator's console only Tab, Shift+Tab, Enter and Space reach question 2 and activate,
// close and reopen it (the phone and the API follow); the admin's create form is filled and
// sent the same way. Every control that takes focus on the way must show it (an outline of
// 2 px or more, or a box shadow). Every page links to the accessibility statement.
import { ADMIN_TOKEN, BASE, DESKTOP, PHONE, SESSION, api, question, ready, scenario, waitFor, waitUntil } from './lib.mjs';

const SIZE = { ...DESKTOP, viewport: { width: 1280, height: 800 } };
const MAX_TABS = 150;

/** What has focus now, and how its focus is drawn. */
function focusedNow(selector) {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const cs = getComputedStyle(e);
  // Fields by id only: their value changes as they are typed in.
  const field = e.matches('input, textarea, select');
  const label = field ? '' : (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return {
    what: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.dataset.action ? `[${e.dataset.action} ${e.dataset.question}]` : ''}${label ? ` "${label}"` : ''}`,
    match: e.matches(selector),
    outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
    outlineOk: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
    shadow: cs.boxShadow !== 'none' ? cs.boxShadow : '',
  };
}

/** Records the focus indicator of every control reached by keyboard on one page. */
class FocusLog {
  constructor(h, where) {
    this.h = h;
    this.where = where;
    this.seen = new Map();
  }

  note(f) {
    if (this.seen.has(f.what)) return;
    this.seen.set(f.what, f);
    this.h.check(f.outlineOk || f.shadow, `${this.where}: ${f.what} shows no visible focus (outline ${f.outline}, box-shadow none)`);
  }

  /** Presses Tab (or Shift+Tab) until `selector` has focus. */
  async tabTo(page, selector, key = 'Tab') {
    for (let i = 0; i <= MAX_TABS; i += 1) {
      const f = await page.evaluate(focusedNow, selector);
      if (f) this.note(f);
      if (f?.match) return;
      if (i < MAX_TABS) await page.keyboard.press(key);
    }
    throw new Error(`${this.where}: ${MAX_TABS} presses of ${key} never reached ${selector}`);
  }

  report() {
    const styles = new Map();
    for (const f of this.seen.values()) {
      const k = f.outlineOk ? `outline ${f.outline}` : `box-shadow ${f.shadow}`;
      styles.set(k, [...(styles.get(k) ?? []), f.what]);
    }
    console.log(`  ${this.where}: ${this.seen.size} controls reached by keyboard`);
    for (const [k, list] of styles) console.log(`    ${k}: ${list.length} (${list.slice(0, 4).join(', ')}${list.length > 4 ? ', …' : ''})`);
  }
}

/** The page's link to the accessibility statement. */
async function statementLink(h, page, where) {
  const link = page.locator('a[href="/tillganglighet"]');
  const n = await link.count();
  h.check(n >= 1 && (await link.first().isVisible()), `${where} has no visible link to /tillganglighet`);
}

await scenario('keyboard', async (h) => {
  const phoneCtx = await h.context(PHONE);
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  await statementLink(h, phone, 'the phone page');

  const ctx = await h.context(SIZE);
  const fac = await h.open(ctx, SESSION.facilitator_url, 'console');
  await ready(fac, 'the facilitator console');
  await waitFor(fac, 'li[data-question="q1"][aria-current="true"]', 'the console does not mark q1 as active');
  await statementLink(h, fac, 'the facilitator console');
  const log = new FocusLog(h, 'console');
  const q2 = (action) => `button[data-action="${action}"][data-question="q2"]`;
  const q2State = async () => (await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token)).questions.find((q) => q.id === 'q2').state;

  // Activate question 2 with Enter.
  await log.tabTo(fac, q2('activate'));
  await fac.keyboard.press('Enter');
  await waitFor(fac, 'li[data-question="q2"][aria-current="true"]', 'Enter on q2\'s activate button did not make q2 active in the console');
  await waitUntil(phone, (t) => (document.querySelector('section.ask[data-question="q2"] h2')?.textContent ?? '').includes(t), question('q2'), 'the phone did not follow to question 2');
  const s = await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token);
  h.check(s.active_question_id === 'q2', `the API says ${s.active_question_id} is active, not q2`);
  const kept = await fac.evaluate(() => document.activeElement?.closest('li[data-question]')?.dataset.question ?? null);
  h.check(kept === 'q2', `after activating, focus left question 2's controls (it is in ${kept ?? 'no question'})`);

  // Close it with Space, reopen it with Enter, moving by Tab or Shift+Tab as needed.
  await log.tabTo(fac, q2('close'));
  await fac.keyboard.press('Space');
  await waitFor(fac, `${q2('close')}[disabled]`, 'Space on q2\'s close button did not close it');
  await waitFor(phone, 'section.ask[data-question="q2"][data-state="closed"] .ask__notice:not([hidden])', 'the phone does not say question 2 is closed');
  h.check((await q2State()) === 'closed', 'the API does not show q2 closed');
  await log.tabTo(fac, q2('open'), 'Shift+Tab');
  await fac.keyboard.press('Enter');
  await waitFor(fac, `${q2('open')}[disabled]`, 'Enter on q2\'s open button did not reopen it');
  await waitFor(phone, 'section.ask[data-question="q2"][data-state="open"] .ask__notice[hidden]', 'the phone still says question 2 is closed');
  h.check((await q2State()) === 'open', 'the API does not show q2 open again');
  log.report();

  // The admin page: the create form, by keyboard alone.
  const admin = await h.open(ctx, `${BASE}/admin#token=${ADMIN_TOKEN}`, 'admin');
  await ready(admin, 'the admin page');
  await statementLink(h, admin, 'the admin page');
  const alog = new FocusLog(h, 'admin');
  const title = 'Dialog skapad med tangentbordet';
  await alog.tabTo(admin, 'form#create #title');
  await admin.keyboard.type(title);
  await alog.tabTo(admin, 'form#create #questions');
  await admin.keyboard.type('Vad fungerar bra?');
  await admin.keyboard.press('Enter');
  await admin.keyboard.type('Vad saknas? (10 min)');
  await alog.tabTo(admin, 'form#create #table-count');
  await admin.keyboard.type('2');
  await alog.tabTo(admin, 'form#create #fill-tables');
  await admin.keyboard.press('Space');
  await waitUntil(admin, () => document.querySelector('#tables').value.split('\n').length === 2, null, 'Space on "fill tables" did not fill in two tables');
  await alog.tabTo(admin, 'form#create [type="submit"]');
  await admin.keyboard.press('Enter');
  await waitUntil(
    admin,
    (t) => [...document.querySelectorAll('#sessions li')].some((li) => li.textContent.includes(t)),
    title,
    'the session created by keyboard is not listed in ul#sessions',
  );
  const made = (await api('/api/sessions', ADMIN_TOKEN)).filter((x) => x.title === title);
  h.check(made.length === 1, `the server holds ${made.length} sessions titled "${title}"`);
  if (made.length === 1) {
    const m = made[0];
    h.check(JSON.stringify(m.questions.map((q) => q.text)) === '["Vad fungerar bra?","Vad saknas?"]', `questions stored as ${JSON.stringify(m.questions.map((q) => q.text))}`);
    h.check(m.questions[1].duration_secs === 600, `"(10 min)" stored as ${m.questions[1].duration_secs}`);
    h.check(m.tables.length === 2, `tables stored as ${JSON.stringify(m.tables)}`);
  }
  // What focus does after sending: it must stay on the page, not fall to <body>.
  const after = await admin.evaluate(() => (document.activeElement === document.body ? null : document.activeElement?.id || document.activeElement?.tagName));
  h.check(after !== null, 'after creating a session focus fell back to the start of the page');
  alog.report();

  // The front page and the statement itself (which marks its own link as the current page
  // and leads home).
  const front = await h.open(ctx, `${BASE}/`, 'front page');
  await front.waitForLoadState('load');
  await statementLink(h, front, 'the front page');
  const statement = await h.open(ctx, `${BASE}/tillganglighet`, 'statement');
  await statementLink(h, statement, 'the accessibility statement');
  const current = await statement.locator('a[href="/tillganglighet"][aria-current="page"]').count();
  h.check(current === 1, 'the statement\'s own link is not marked aria-current="page"');
  h.check((await statement.locator('a[href="/"]').count()) >= 1, 'the accessibility statement has no link home');
});

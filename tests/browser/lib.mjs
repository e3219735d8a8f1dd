// Shared harness for the browser scenarios. `cargo test --test browser` starts the real server,
// creates a session and runs one scenario script with:
//   INSPEL_BASE        the server's origin, e.g. http://127.0.0.1:40123
//   INSPEL_SESSION     the session as JSON (id, code, tokens, urls), as POST /api/sessions answers
//   INSPEL_ADMIN_TOKEN the admin token
//   INSPEL_SCREENSHOTS where screenshots for the README go
//   INSPEL_ARTIFACTS   where a failing scenario leaves a screenshot of each open page
//   INSPEL_CHROMIUM    the browser (Debian's /usr/bin/chromium)
// Every wait is bounded; the whole script is stopped by a watchdog.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export { assert };

/** The longest any single wait may take. */
export const WAIT = 10_000;
/** The longest a whole scenario may take, unless it says otherwise (within browser.rs's limit). */
const SCENARIO_LIMIT = 120_000;

const here = path.dirname(fileURLToPath(import.meta.url));

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the scenarios through \`cargo test --test browser\``);
  return v;
}

export const BASE = env('INSPEL_BASE').replace(/\/$/, '');
export const SESSION = JSON.parse(env('INSPEL_SESSION'));
export const ADMIN_TOKEN = env('INSPEL_ADMIN_TOKEN');
const ORIGIN = new URL(BASE).origin;

/** Refuses anything but this server on a loopback address. */
export function local(url) {
  const u = new URL(url, BASE);
  const loopback = /^127\.\d+\.\d+\.\d+$/.test(u.hostname) || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (!loopback || u.origin !== ORIGIN) throw new Error(`refusing a non-local URL: ${u.href}`);
  return u.href;
}

/** Whether a request URL is this server (http or its websockets) or the page's own data. */
export function ownOrigin(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.href === 'about:blank') return true;
  const http = u.protocol === 'ws:' ? 'http:' : u.protocol === 'wss:' ? 'https:' : u.protocol;
  return `${http}//${u.host}` === ORIGIN;
}

export const PHONE = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
export const DESKTOP = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 };

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Runs one scenario: launches Chromium (Playwright gives every launch a fresh temporary user
 * data dir and removes it on close), hands `body` a harness, reports and exits non-zero on
 * failure.
 */
export async function scenario(name, body, { limit = SCENARIO_LIMIT } = {}) {
  const watchdog = setTimeout(() => {
    console.error(`FAIL ${name}: the scenario took longer than ${limit / 1000} s`);
    process.exit(3);
  }, limit);
  const started = Date.now();
  // Screenshots of an earlier failure of this scenario would mislead.
  const artifacts = process.env.INSPEL_ARTIFACTS;
  if (artifacts && fs.existsSync(artifacts)) {
    for (const f of fs.readdirSync(artifacts)) if (f.startsWith(`${name}-`)) fs.rmSync(path.join(artifacts, f));
  }
  let browser;
  const h = new Harness(name);
  let failed = false;
  try {
    browser = await chromium.launch({
      executablePath: process.env.INSPEL_CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ARGS,
      timeout: 30_000,
    });
    h.browser = browser;
    await body(h);
  } catch (e) {
    failed = true;
    console.error(`\nFAIL ${name}: ${e?.stack || e}`);
  }
  if (h.problems.length) {
    failed = true;
    console.error(`\nFAIL ${name}: ${h.problems.length} check(s) failed:`);
    for (const p of h.problems) console.error(`  - ${p}`);
  }
  if (failed) await h.diagnose();
  if (browser) await browser.close().catch(() => {});
  clearTimeout(watchdog);
  console.log(`${failed ? 'FAIL' : 'ok'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}

class Harness {
  constructor(name) {
    this.name = name;
    this.browser = null;
    /** Checks that failed but let the scenario go on; the scenario fails at the end. */
    this.problems = [];
    /** Every page opened, with what it logged, for the report of a failure. */
    this.pages = [];
  }

  /** A soft check: records the problem and goes on. */
  check(ok, message) {
    if (!ok) this.problems.push(message);
    return ok;
  }

  /** A new browser context (own storage, as a separate device) with bounded waits. */
  async context(options = {}) {
    const ctx = await this.browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', ...options });
    ctx.setDefaultTimeout(WAIT);
    ctx.setDefaultNavigationTimeout(WAIT);
    ctx.requests = [];
    ctx.on('request', (r) => ctx.requests.push(r.url()));
    ctx.on('page', (page) => this.watch(page, ctx));
    if (options.bypassCSP) {
      // Without the page's CSP nothing would stop a third-party load: never let one out.
      await ctx.route((u) => !ownOrigin(u.href), (route) => route.abort('blockedbyclient'));
    }
    return ctx;
  }

  watch(page, ctx) {
    const entry = { page, label: '', log: [] };
    this.pages.push(entry);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') entry.log.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => entry.log.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => entry.log.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('websocket', (ws) => ctx.requests.push(ws.url()));
  }

  /** Opens `url` (this server only) in a new page of `ctx`. */
  async open(ctx, url, label) {
    const page = await ctx.newPage();
    const entry = this.pages.find((p) => p.page === page);
    if (entry) entry.label = label;
    await page.goto(local(url), { waitUntil: 'load' });
    return page;
  }

  /** Prints what each page logged and saves a screenshot of each, for a failed run. */
  async diagnose() {
    const dir = process.env.INSPEL_ARTIFACTS;
    if (dir) fs.mkdirSync(dir, { recursive: true });
    for (const [i, p] of this.pages.entries()) {
      if (p.page.isClosed()) continue;
      const label = p.label || `page${i}`;
      console.error(`\n--- ${label}: ${p.page.url()}`);
      const state = await p.page
        .evaluate(() => ({
          ready: document.body?.dataset.ready ?? null,
          conn: document.querySelector('#conn')?.dataset.state ?? null,
          mine: [...document.querySelectorAll('#mine li')].map((li) => `${li.dataset.id}=${li.dataset.state}`),
        }))
        .catch((e) => `(could not read: ${e.message})`);
      console.error(`    state: ${JSON.stringify(state)}`);
      for (const line of p.log.slice(-20)) console.error(`    ${line}`);
      if (dir) {
        const file = path.join(dir, `${this.name}-${i}-${label.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await p.page
          .screenshot({ path: file, fullPage: true, timeout: WAIT })
          .then(() => console.error(`    screenshot: ${file}`))
          .catch(() => {});
      }
    }
  }
}

/** Waits until a page has loaded its data and had the websocket hello. */
export async function ready(page, what = 'page') {
  try {
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: WAIT });
  } catch {
    throw new Error(`${what} never set body[data-ready="1"] within ${WAIT / 1000} s (${page.url()})`);
  }
}

/** Waits for `selector`, failing with `message` instead of Playwright's generic timeout. */
export async function waitFor(page, selector, message, options = {}) {
  try {
    return await page.waitForSelector(selector, { state: 'attached', timeout: WAIT, ...options });
  } catch {
    throw new Error(`${message} (waited ${WAIT / 1000} s for ${selector} on ${page.url()})`);
  }
}

/** Waits until `fn(arg)` is truthy in the page, failing with `message`. */
export async function waitUntil(page, fn, arg, message) {
  try {
    return await page.waitForFunction(fn, arg, { timeout: WAIT });
  } catch (e) {
    if (!/Timeout/i.test(String(e))) throw e;
    throw new Error(`${message} (waited ${WAIT / 1000} s on ${page.url()})`);
  }
}

/** The ids of the phone's own contributions in #mine. */
export async function mineIds(page) {
  return page.$$eval('#mine li[data-id]', (lis) => lis.map((li) => li.dataset.id));
}

/** The text box of question `qid` on the phone page, or (no `qid`) the first one open. */
export function box(qid) {
  return qid ? `section.ask[data-question="${qid}"] textarea` : 'section.ask textarea:not([readonly])';
}

/** The question ids the phone shows a box for, in order. */
export async function phoneQuestions(page) {
  return page.$$eval('section.ask', (s) => s.map((x) => x.dataset.question));
}

/**
 * Types `text` into the phone page and presses send; returns the id of the new item in #mine.
 * `table` and `perspective` are option labels to choose first, if given; `question` the id of
 * the question whose box to write in (default: the first box open).
 */
export async function submit(page, text, { table, perspective, question: qid } = {}) {
  if (table) await page.selectOption('select#table', { label: table });
  if (perspective) await page.selectOption('select#perspective', { label: perspective });
  const before = await mineIds(page);
  const field = await waitFor(page, box(qid), `the phone shows no text box${qid ? ` for ${qid}` : ''}`);
  await field.fill(text);
  const q = await field.evaluate((t) => t.dataset.question);
  await page.click(`button#send-${q}`);
  const handle = await waitUntil(
    page,
    (known) => [...document.querySelectorAll('#mine li[data-id]')].map((li) => li.dataset.id).find((id) => !known.includes(id)),
    before,
    `sending "${text}" added no new li[data-id] to ul#mine`,
  );
  const id = await handle.jsonValue();
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'li[data-id] is a UUID');
  return id;
}

/** Waits until the phone's item `id` has data-state `state`. */
export async function itemState(page, id, state) {
  await waitFor(page, `#mine li[data-id="${id}"][data-state="${state}"]`, `item ${id} never became ${state}`);
}

/** The current data-state of the phone's item `id`. */
export async function stateOf(page, id) {
  return page.$eval(`#mine li[data-id="${id}"]`, (li) => li.dataset.state);
}

/** Waits for the wall's card `id` and returns its text. */
export async function card(wall, id) {
  const el = await waitFor(wall, `#cards .card[data-id="${id}"]`, `the wall never showed contribution ${id}`);
  return (await el.textContent()) ?? '';
}

/** How many cards the wall shows for `id`. */
export async function cardCount(wall, id) {
  return wall.locator(`#cards .card[data-id="${id}"]`).count();
}

/** GET an API path with a bearer token; returns the parsed JSON. */
export async function api(pathname, token) {
  const res = await fetch(local(pathname), {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(WAIT),
  });
  if (!res.ok) throw new Error(`GET ${pathname}: HTTP ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The session's JSON export, as the facilitator downloads it. */
export async function exported() {
  return api(`/api/sessions/${SESSION.id}/export.json`, SESSION.facilitator_token);
}

/** The text of question `qid` in the session. */
export function question(qid) {
  const q = SESSION.questions.find((q) => q.id === qid);
  if (!q) throw new Error(`no question ${qid} in the session`);
  return q.text;
}

/** The i18n keys a page asked for but did not have (i18n.js warns about each). */
export function missingKeys(h) {
  return h.pages.flatMap((p) => p.log.filter((l) => l.includes('i18n: missing key')).map((l) => `${p.label}: ${l}`));
}

// ---- axe-core ----------------------------------------------------------------------------
// One audit for every scenario that checks accessibility, so they all hold pages to the same
// rules (WCAG 2.0 and 2.1, A and AA) and read axe's results the same way.

/** The axe-core source, evaluated in the page (no script tag, so the page's CSP stays on). */
const AXE_SOURCE = fs.readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The axe-core rule tags every audit runs. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations on the page as it is now (empty: none), with what a report shows. */
export async function axeAudit(page) {
  // A card still fading in has a paler colour than it ends with: audit what stays on screen.
  // (At most 3 s: an endless animation never finishes.)
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))),
      new Promise((done) => setTimeout(done, 3000)),
    ]),
  );
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) =>
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html })),
          })),
        ),
    AXE_TAGS,
  );
}

/** The same violations as one readable line each, prefixed with `where` (empty: none). */
export async function axeLines(page, where) {
  const violations = await axeAudit(page);
  return violations.map((v) => `${where}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 4).map((n) => `${n.target}: ${n.summary}`).join(' | ')}`);
}

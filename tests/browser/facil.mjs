// Helpers for the facilitation scenarios (issue 4): the facilitator's HTTP API and
// contributions sent as phones would, so a scenario can set the room up quickly.
import { randomUUID } from 'node:crypto';
import { AXE_SOURCE, SESSION, WAIT, local } from './lib.mjs';

async function call(method, pathname, body, headers = {}) {
  const res = await fetch(local(pathname), {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT),
  });
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, data };
}

/** A facilitator action, e.g. fac('POST', '/votes', {...}); throws unless 2xx. */
export async function fac(method, sub, body) {
  const r = await call(method, `/api/sessions/${SESSION.id}${sub}`, body, {
    authorization: `Bearer ${SESSION.facilitator_token}`,
  });
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${sub}: HTTP ${r.status}: ${JSON.stringify(r.data)}`);
  return r.data;
}

/** A contribution from a phone over HTTP; returns the stored contribution. */
export async function contribute(text, { question = 'q1', table = null, phone = randomUUID() } = {}) {
  const id = randomUUID();
  const r = await call(
    'POST',
    `/api/join/${SESSION.code}/contributions`,
    { id, question_id: question, text, table, perspective: null, participant_id: phone },
    { 'x-inspel-participant': phone },
  );
  if (r.status !== 201 && r.status !== 200) throw new Error(`contribute: HTTP ${r.status}: ${JSON.stringify(r.data)}`);
  return r.data;
}

/** A vote from another phone over HTTP (absolute dots on one item). */
export async function vote(voteId, itemId, dots, phone) {
  return call('POST', `/api/join/${SESSION.code}/votes/${voteId}`, { item_id: itemId, dots }, { 'x-inspel-participant': phone });
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core violations on the page as it is, as readable lines (empty: none). */
export async function axe(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }))),
    TAGS,
  );
  return violations.map((v) => `${where}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 4).join(' | ')}`);
}

/** The i18n keys a page asked for but did not have (i18n.js warns about each). */
export function missingKeys(h) {
  return h.pages.flatMap((p) => p.log.filter((l) => l.includes('i18n: missing key')).map((l) => `${p.label}: ${l}`));
}

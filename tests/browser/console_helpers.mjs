// Helpers for the console's facilitation scenarios (issue 4): contributions and dots sent as
// phones send them (HTTP, with the phone's id), the console opened and ready. The axe audit and
// missingKeys live in lib.mjs, shared with every scenario.
import { randomUUID } from 'node:crypto';
import { SESSION, WAIT, local, ready } from './lib.mjs';

async function post(pathname, body, headers = {}) {
  const res = await fetch(local(pathname), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT),
  });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : null };
}

/** A phone's contribution over HTTP; returns the stored contribution. */
export async function phoneSays(text, { question = 'q1', table = null, phone = randomUUID() } = {}) {
  const r = await post(
    `/api/join/${SESSION.code}/contributions`,
    { id: randomUUID(), question_id: question, text, table, perspective: null },
    { 'x-inspel-participant': phone },
  );
  if (r.status !== 201 && r.status !== 200) throw new Error(`contribution: HTTP ${r.status}: ${JSON.stringify(r.data)}`);
  return r.data;
}

/** A phone puts `dots` of its dots on an item of a vote; returns the answer. */
export async function phoneVotes(voteId, itemId, dots, phone) {
  return post(`/api/join/${SESSION.code}/votes/${voteId}`, { item_id: itemId, dots }, { 'x-inspel-participant': phone });
}

/** Opens the facilitator's console in `ctx` and waits for its data. */
export async function openConsole(h, ctx, label = 'console') {
  const page = await h.open(ctx, SESSION.facilitator_url, label);
  await ready(page, `the facilitator ${label}`);
  return page;
}

/** The words of the console's polite action announcements (#action-announce) once they say `want`. */
export async function announced(page, want) {
  return page
    .waitForFunction((w) => (document.querySelector('#action-announce')?.textContent ?? '').includes(w), want, { timeout: WAIT })
    .then(() => true, () => false);
}

/** A facilitator request over HTTP (to set a scene); throws unless 2xx. */
export async function facApi(method, sub, body) {
  const res = await fetch(local(`/api/sessions/${SESSION.id}${sub}`), {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SESSION.facilitator_token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${sub}: HTTP ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

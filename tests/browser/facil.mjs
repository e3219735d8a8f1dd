// Helpers for the facilitation scenarios (issue 4): the facilitator's HTTP API and
// contributions sent as phones would, so a scenario can set the room up quickly.
import { randomUUID } from 'node:crypto';
import { SESSION, WAIT, api, local, waitUntil } from './lib.mjs';

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

/**
 * Waits until each page has handled every event logged before this call. Events reach a page
 * in order, so the facilitator switches to another question and back, and once each page
 * shows the first question again (the wall's heading, or the console's current item) it has
 * seen everything before. This proves a negative ("the wall did not show X") without a sleep.
 * Not for a paused wall: pausing freezes the shown question.
 */
export async function settle(...pages) {
  const s = await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token);
  const first = s.active_question_id;
  const other = s.questions.find((q) => q.id !== first).id;
  for (const qid of [other, first]) {
    await fac('POST', `/questions/${qid}/activate`);
    const text = s.questions.find((q) => q.id === qid).text;
    for (const page of pages) {
      await waitUntil(
        page,
        ([id, t]) =>
          document.querySelector('#wall-question')?.textContent === t ||
          document.querySelector(`li[data-question="${id}"][aria-current="true"]`) !== null,
        [qid, text],
        `the page never followed the switch to ${qid}`,
      );
    }
  }
}

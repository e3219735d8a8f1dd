// The phone page (/j/{code}): the active question, a text box, and "my contributions" with
// their delivery state. Contributions go over the websocket when it is up and over HTTP when
// it is not; either way they wait in the outbox until the server confirms them.

import { ApiError, api, errorText, wsBase } from './api.js';
import { $, batchAnnouncer, el, fillSelect, markReady } from './dom.js';
import { currentLang, initI18n, onLangChange, t, tn, formatNumber } from './i18n.js';
import { createOutbox } from './outbox.js';
import { createFacilitation } from './phonefacil.js';
import { loadLocal, saveLocal, uuid } from './storage.js';
import { LiveSocket } from './ws.js';

const MAX_CHARS = 2000;
const ACK_WAIT = 15000;

// Same normalisation as the server: people type codes with spaces, dashes and lower case.
const code = decodeURIComponent(location.pathname.split('/')[2] || '')
  .replace(/[\s-]/g, '')
  .toUpperCase();
const keys = {
  mine: `inspel.mine.${code}`,
  prefs: `inspel.prefs.${code}`,
  draft: `inspel.draft.${code}`,
  participant: 'inspel.participant',
};

const ui = {
  title: $('#title'),
  question: $('#question'),
  closed: $('#question-closed'),
  form: $('#compose'),
  text: $('#text'),
  counter: $('#counter'),
  send: $('#send'),
  table: $('#table'),
  perspective: $('#perspective'),
  status: $('#status'),
  announce: $('#announce'),
  mine: $('#mine'),
  mineEmpty: $('#mine-empty'),
  conn: $('#conn'),
  connText: $('#conn-text'),
  app: $('#app'),
  missing: $('#missing'),
};

let session = null;
let helloSeq = 0;
let lastSeq = 0;
let gotHello = false;
let participant = loadLocal(keys.participant);
if (typeof participant !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(participant)) {
  participant = uuid();
  saveLocal(keys.participant, participant);
}
const prefs = loadLocal(keys.prefs, {}) || {};

// ---- sending -------------------------------------------------------------------------

const pending = new Map(); // contribution id → resolve of the submit waiting for its answer

function outcome(status, body, retryAfterSecs) {
  // 429 and server trouble: keep it and try again later with the same id. Anything else is
  // a refusal that a retry cannot fix (closed question, invalid text): show it.
  if (status === 0 || status === 408 || status === 429 || status >= 500) {
    return { retry: retryAfterSecs ? retryAfterSecs * 1000 : true };
  }
  return { reject: { sv: body?.error_sv || '', en: body?.error || '', code: body?.code || '' } };
}

function payload(item) {
  return {
    id: item.id,
    question_id: item.question_id,
    text: item.text,
    table: item.table || null,
    perspective: item.perspective || null,
  };
}

function viaSocket(item) {
  return new Promise((resolve) => {
    const done = (r) => {
      clearTimeout(timer);
      pending.delete(item.id);
      resolve(r);
    };
    const timer = setTimeout(() => done({ retry: true }), ACK_WAIT);
    pending.set(item.id, done);
    if (!socket.send({ type: 'submit', ...payload(item) })) done({ retry: true });
  });
}

async function viaHttp(item) {
  try {
    const { data } = await api(`/api/join/${encodeURIComponent(code)}/contributions`, {
      method: 'POST',
      body: { ...payload(item), participant_id: participant },
      headers: { 'x-inspel-participant': participant },
    });
    return { ok: data };
  } catch (e) {
    if (!(e instanceof ApiError)) return { retry: true };
    return outcome(e.status, e.body, e.retryAfter);
  }
}

function transmit(item) {
  if (socket.online) return viaSocket(item);
  // The websocket may be blocked by a venue proxy while plain HTTP still works.
  if (navigator.onLine === false) return Promise.resolve({ retry: true });
  return viaHttp(item);
}

const announceSent = batchAnnouncer(ui.status, (n) => (n === 1 ? t('join.status_sent') : tn('join.status_sent_many', n)), 300, 2000);

const outbox = createOutbox(keys.mine, transmit, (item) => {
  renderMine();
  if (item?.state === 'sent') announceSent();
  if (item?.state === 'pending') ui.status.textContent = t('join4.state_pending');
  if (item?.state === 'failed') ui.status.textContent = t('join.status_failed');
});

// Phones are not told of approvals (they never receive others' contributions), so an item
// waiting for review is asked about again now and then: resending its id is safe and returns
// the stored contribution as it is now.
const REVIEW_CHECK_MS = 20000;
async function checkReviewed() {
  for (const item of outbox.all().filter((i) => i.state === 'pending')) {
    const r = await transmit(item);
    if (r.ok && !r.ok.pending) outbox.approved(item.id);
  }
}
setInterval(checkReviewed, REVIEW_CHECK_MS);

// ---- rendering -----------------------------------------------------------------------

function activeQuestion() {
  return session?.questions.find((q) => q.id === session.active_question_id) || null;
}

function errorFor(item) {
  const e = item.error || {};
  return (currentLang() === 'sv' ? e.sv || e.en : e.en || e.sv) || t('join.failed_generic');
}

function mineItem(item) {
  const li = el('li', { class: 'mine__item', data: { id: item.id, state: item.state } });
  li.append(el('p', { class: 'mine__text', text: item.text }));
  const meta = el('p', { class: 'mine__meta' }, el('span', { class: 'mine__state', i18n: item.state === 'pending' ? 'join4.state_pending' : `join.state_${item.state}` }));
  if (item.question_text) meta.append(el('span', { class: 'mine__q', text: item.question_text }));
  li.append(meta);
  if (item.state === 'failed') {
    li.append(el('p', { class: 'mine__error', text: errorFor(item) }));
    const again = el('button', { class: 'btn btn-small', i18n: 'join.edit_again', attrs: { type: 'button' } });
    again.addEventListener('click', () => {
      // Put the text back so nothing written is lost; the refused copy goes away.
      ui.text.value = ui.text.value ? `${ui.text.value}\n${item.text}` : item.text;
      saveLocal(keys.draft, ui.text.value);
      outbox.remove(item.id);
      updateCounter();
      ui.text.focus();
    });
    li.append(again);
  }
  for (const n of li.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  return li;
}

function renderMine() {
  const items = outbox.all().slice().reverse();
  ui.mine.replaceChildren(...items.map(mineItem));
  ui.mineEmpty.hidden = items.length > 0;
}

function renderQuestion() {
  const q = activeQuestion();
  ui.question.textContent = q ? q.text : t('join.no_question');
  const closed = !q || q.state === 'closed';
  ui.closed.hidden = !q || q.state !== 'closed';
  ui.send.disabled = closed;
}

function renderPickers() {
  const tables = session?.tables || [];
  const perspectives = session?.perspectives || [];
  $('#table-field').hidden = tables.length === 0;
  $('#perspective-field').hidden = perspectives.length === 0;
  const want = new URLSearchParams(location.search).get('table');
  // A table in the QR link (one code per table) wins over what was remembered.
  if (want && tables.includes(want) && !renderPickers.usedQuery) {
    prefs.table = want;
    renderPickers.usedQuery = true;
    saveLocal(keys.prefs, prefs);
  }
  fillSelect(ui.table, [['', t('join.table_none')], ...tables.map((x) => [x, x])], prefs.table || '');
  fillSelect(ui.perspective, [['', t('join.perspective_none')], ...perspectives.map((x) => [x, x])], prefs.perspective || '');
}

function renderSession() {
  if (!session) return;
  ui.title.textContent = session.title;
  document.title = `${session.title} – ${t('join.doc_title')}`;
  renderQuestion();
  renderPickers();
}

function updateCounter() {
  ui.counter.textContent = t('join.counter', { n: formatNumber(ui.text.value.length), max: formatNumber(MAX_CHARS) });
}

function renderConn(state) {
  ui.conn.dataset.state = state;
  ui.connText.textContent = t(`conn.${state}`);
}

// ---- the live connection -------------------------------------------------------------

function onMessage(msg) {
  switch (msg.type) {
    case 'hello': {
      session = msg.session;
      helloSeq = msg.seq;
      lastSeq = Math.max(lastSeq, msg.seq);
      if (msg.participant && msg.participant !== participant) {
        participant = msg.participant;
        saveLocal(keys.participant, participant);
      }
      showApp();
      renderSession();
      facil.hello(msg);
      gotHello = true;
      markReady();
      outbox.flush();
      checkReviewed();
      break;
    }
    case 'event': {
      if (msg.seq <= lastSeq) return;
      lastSeq = msg.seq;
      // Hello already reflects everything up to its seq.
      if (msg.seq <= helloSeq || !session) return;
      applyEvent(msg);
      facil.event(msg);
      break;
    }
    case 'ack': {
      const done = pending.get(msg.id);
      if (done) done({ ok: msg.contribution });
      else outbox.markSent(msg.id, msg.contribution?.seq, msg.contribution?.pending);
      break;
    }
    case 'voted':
      facil.message(msg);
      break;
    case 'error': {
      if (facil.message(msg)) break;
      const done = msg.id && pending.get(msg.id);
      if (done) done(outcome(msg.status, msg, msg.retry_after_secs || 0));
      break;
    }
    default:
      // Kinds this page does not know yet (the protocol grows) are ignored.
      break;
  }
}

function applyEvent(ev) {
  const q = session.questions.find((x) => x.id === ev.question_id);
  if (ev.kind === 'question_activated') {
    session.active_question_id = ev.question_id;
    renderQuestion();
    const now = activeQuestion();
    if (now) ui.announce.textContent = t('join.new_question', { text: now.text });
  } else if (ev.kind === 'question_opened' && q) {
    q.state = 'open';
    renderQuestion();
  } else if (ev.kind === 'question_closed' && q) {
    q.state = 'closed';
    renderQuestion();
  }
}

const socket = new LiveSocket(
  () => {
    const since = lastSeq ? `&since=${lastSeq}` : '';
    return `${wsBase()}/ws/join/${encodeURIComponent(code)}?participant=${encodeURIComponent(participant)}${since}`;
  },
  {
    message: onMessage,
    state: (s) => {
      renderConn(s);
      if (s === 'online') outbox.flush();
    },
    closed: () => {
      for (const done of [...pending.values()]) done({ retry: true });
      facil.socketClosed();
    },
  },
);
const facil = createFacilitation({ code, socket, participant: () => participant, question: activeQuestion });

// ---- wiring --------------------------------------------------------------------------

function showApp() {
  ui.app.hidden = false;
  ui.missing.hidden = true;
}

function showMissing() {
  ui.app.hidden = true;
  ui.missing.hidden = false;
  $('#missing-code').textContent = code;
  markReady();
}

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = ui.text.value.trim();
  const q = activeQuestion();
  if (!text) {
    ui.status.textContent = t('join.status_empty');
    ui.text.focus();
    return;
  }
  if (!q || q.state === 'closed') {
    ui.status.textContent = t(q ? 'join.question_closed' : 'join.no_question');
    return;
  }
  outbox.add({
    id: uuid(),
    question_id: q.id,
    question_text: q.text,
    text,
    table: ui.table.value || null,
    perspective: ui.perspective.value || null,
    at: Date.now(),
  });
  ui.text.value = '';
  saveLocal(keys.draft, '');
  updateCounter();
  ui.status.textContent = t(socket.online || navigator.onLine !== false ? 'join.status_sending' : 'join.status_queued');
  ui.text.focus();
});

// Ctrl/Cmd+Enter sends from the keyboard; plain Enter stays a line break.
ui.text.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    ui.form.requestSubmit();
  }
});

ui.text.addEventListener('input', () => {
  saveLocal(keys.draft, ui.text.value);
  updateCounter();
});

for (const [select, field] of [[ui.table, 'table'], [ui.perspective, 'perspective']]) {
  select.addEventListener('change', () => {
    prefs[field] = select.value || null;
    saveLocal(keys.prefs, prefs);
  });
}

onLangChange(() => {
  renderConn(socket.state);
  renderSession();
  renderMine();
  updateCounter();
  facil.paint();
});

async function main() {
  await initI18n();
  ui.text.value = loadLocal(keys.draft, '') || '';
  updateCounter();
  renderMine();
  renderConn('connecting');
  try {
    const { data } = await api(`/api/join/${encodeURIComponent(code)}`);
    if (!gotHello) {
      session = data;
      showApp();
      renderSession();
      facil.session(session);
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      showMissing();
      return;
    }
    // Offline or the server is restarting: the socket keeps trying and the outbox keeps
    // what is written. Show the page with what we remember.
    showApp();
    renderQuestion();
    ui.status.textContent = errorText(e);
  }
  socket.start();
  // Items left from an earlier visit go out as soon as anything can carry them.
  outbox.flush();
}

main();

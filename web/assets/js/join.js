// The phone page (/j/{code}): the current round's questions, each with its own text box
// (join-asks.js), and "my contributions" with their delivery state. Contributions go over the
// websocket when it is up and over HTTP when it is not; either way they wait in the outbox
// until the server confirms them, each under the question whose box it was written in.

import { ApiError, api, errorText, wsBase } from './api.js';
import { $, batchAnnouncer, fillSelect, markReady } from './dom.js';
import { initI18n, onLangChange, t, tn, useSessionLang } from './i18n.js';
import { createAsks } from './join-asks.js';
import { fitTheFold } from './join-fold.js';
import { drawMine } from './join-mine.js';
import { createOutbox } from './outbox.js';
import { createFacilitation } from './phonefacil.js';
import { applyToSession, forTable, shownQuestions } from './session-apply.js';
import { loadLocal, saveLocal, uuid } from './storage.js';
import { LiveSocket } from './ws.js';

const ACK_WAIT = 15000;

// Same normalisation as the server: people type codes with spaces, dashes and lower case.
const code = decodeURIComponent(location.pathname.split('/')[2] || '')
  .replace(/[\s-]/g, '')
  .toUpperCase();
const keys = {
  mine: `inspel.mine.${code}`,
  prefs: `inspel.prefs.${code}`,
  participant: 'inspel.participant',
};

const ui = {
  title: $('#title'),
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
// The server's clock minus this phone's, in ms: grace periods are the server's.
let offset = 0;
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

// Items sent from a box no longer on screen (a reload, the room moved on) are told here.
const announceSent = batchAnnouncer(ui.status, (n) => (n === 1 ? t('join.status_sent') : tn('join.status_sent_many', n)), 300, 2000);

/** Tells the item's own box what became of it (where the eye is), or the page's status line. */
function tell(item, text) {
  if (!asks.say(item.question_id, text)) ui.status.textContent = text;
}

const outbox = createOutbox(keys.mine, transmit, (item) => {
  renderMine();
  if (item?.state === 'sent') {
    const late = item.late ? ` ${t('join8.sent_late')}` : '';
    if (!asks.say(item.question_id, `${t('join.status_sent')}${late}`)) announceSent();
  }
  if (item?.state === 'pending') tell(item, t('join4.state_pending'));
  if (item?.state === 'failed') tell(item, t('join.status_failed'));
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

/** The question whose countdown the phone shows: the first of the round that has one. */
function timedQuestion() {
  const shown = shownQuestions(session).filter((q) => forTable(q, ui.table.value));
  return shown.find((q) => q.timer) || shown[0] || null;
}

function renderMine() {
  drawMine(ui.mine, ui.mineEmpty, outbox.all(), (item) => {
    // Put the text back into its own question's box so nothing written is lost; the refused
    // copy goes away. A closed question's box offers to copy it.
    outbox.remove(item.id);
    asks.putBack(item.question_id, item.text);
  });
}

function renderPickers() {
  const tables = session?.tables || [];
  const perspectives = session?.perspectives || [];
  $('#table-field').hidden = tables.length === 0;
  $('#perspective-field').hidden = perspectives.length === 0;
  $('.about').hidden = tables.length === 0 && perspectives.length === 0;
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
  // The pickers first: which questions show depends on the table chosen.
  renderPickers();
  asks.render(session);
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
      session.votes ||= [];
      helloSeq = msg.seq;
      {
        const now = Date.parse(msg.now);
        if (Number.isFinite(now)) offset = now - Date.now();
      }
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
      else outbox.markSent(msg.id, msg.contribution?.seq, msg.contribution?.pending, msg.contribution?.late);
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

// The same reducer as the wall, the console and the server (session-apply.js).
const REDRAW = new Set([
  'question_activated', 'question_opened', 'question_closed', 'round_started', 'session_ended',
  'question_edited', 'question_added', 'rounds_planned', 'session_edited', 'renamed',
]);

function applyEvent(ev) {
  if (!applyToSession(session, ev) || !REDRAW.has(ev.kind)) return;
  // This phone's table or perspective got a new name: it keeps it under the new one.
  if (ev.kind === 'renamed' && prefs[ev.what] === ev.from) {
    prefs[ev.what] = ev.to;
    saveLocal(keys.prefs, prefs);
  }
  // The room moved on: boxes kept to show "sent" for a closed question may go.
  if (ev.kind === 'round_started' || ev.kind === 'question_activated') asks.moved();
  if (ev.kind === 'session_edited') useSessionLang(session.settings?.language);
  if (ev.kind === 'session_edited' || ev.kind === 'renamed') renderSession();
  else asks.repaint();
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
const facil = createFacilitation({ code, socket, participant: () => participant, question: timedQuestion });

function say(text) {
  ui.announce.textContent = '';
  setTimeout(() => {
    ui.announce.textContent = text;
  }, 50);
}

const asks = createAsks({
  code,
  now: () => Date.now() + offset,
  table: () => ui.table.value,
  announce: say,
  send(q, text) {
    outbox.add({
      id: uuid(),
      question_id: q.id,
      question_text: q.text,
      text,
      table: ui.table.value || null,
      perspective: ui.perspective.value || null,
      at: Date.now(),
    });
    return t(socket.online || navigator.onLine !== false ? 'join.status_sending' : 'join.status_queued');
  },
});

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

for (const [select, field] of [[ui.table, 'table'], [ui.perspective, 'perspective']]) {
  select.addEventListener('change', () => {
    prefs[field] = select.value || null;
    saveLocal(keys.prefs, prefs);
    // Another table may have questions of its own.
    if (field === 'table') asks.repaint();
  });
}

$('#choose-table').addEventListener('click', () => ui.table.focus());
fitTheFold(ui.title);

onLangChange(() => {
  renderConn(socket.state);
  renderSession();
  renderMine();
  facil.paint();
});

async function main() {
  await initI18n();
  renderMine();
  renderConn('connecting');
  try {
    const { data } = await api(`/api/join/${encodeURIComponent(code)}`);
    await useSessionLang(data.settings?.language);
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
    ui.status.textContent = errorText(e);
  }
  socket.start();
  // Items left from an earlier visit go out as soon as anything can carry them.
  outbox.flush();
}

main();

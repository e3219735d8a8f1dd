// The projected wall (/wall/{id}#token=…): the cards of one question, newest first, with
// how to join always in view. Pausing freezes the cards (WCAG 2.2.2) while counts go on.

import { api, errorText, tokenFor } from './api.js';
import { $, batchAnnouncer, el, fillSelect, markReady } from './dom.js';
import { followSession } from './feed.js';
import { formatNumber, initI18n, onLangChange, t, tn } from './i18n.js';
import { initTheme } from './theme.js';

// Thousands of cards would make the projector laptop crawl; the newest ones are what the
// room reads. Exports have everything.
const MAX_CARDS = 300;

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`wall.${id}`);
// The wall is projected: keep the secret out of the address bar (sessionStorage keeps it
// for a reload of this tab).
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

const ui = {
  title: $('#title'),
  label: $('#question-label'),
  question: $('#wall-question'),
  view: $('#question-view'),
  table: $('#table-filter'),
  pause: $('#pause'),
  pausedInfo: $('#paused-info'),
  cards: $('#cards'),
  empty: $('#empty'),
  capped: $('#capped'),
  count: $('#count'),
  phones: $('#phones'),
  qr: $('#qr'),
  url: $('#join-url'),
  code: $('#join-code'),
  conn: $('#conn'),
  connText: $('#conn-text'),
  problem: $('#problem'),
  fullscreen: $('#fullscreen'),
};

let feed = null;
let detail = null;
let paused = false;
// While paused, the question on show stays put even if the facilitator switches questions.
let pinned = null;
let waitingWhilePaused = 0;
let phones = 0;

const announce = batchAnnouncer($('#announce'), (n) => tn('wall.new_cards', n));

const shownQuestionId = () => ui.view.value || (paused && pinned) || feed?.session?.active_question_id || null;

function matches(c) {
  return c.question_id === shownQuestionId() && (!ui.table.value || c.table === ui.table.value);
}

function card(c, fresh) {
  const meta = [c.table, c.perspective].filter(Boolean).join(' · ');
  return el(
    'li',
    { class: fresh ? 'card card--new' : 'card', data: { id: c.id } },
    el('p', { class: 'card__text', text: c.text }),
    meta ? el('p', { class: 'card__meta', text: meta }) : null,
  );
}

function renderCards() {
  const list = feed ? feed.list(matches) : [];
  ui.cards.replaceChildren(...list.slice(0, MAX_CARDS).map((c) => card(c, false)));
  ui.empty.hidden = list.length > 0;
  ui.capped.hidden = list.length <= MAX_CARDS;
  ui.capped.textContent = t('wall.capped', { n: formatNumber(MAX_CARDS) });
}

function renderCounts() {
  ui.count.textContent = formatNumber(feed ? feed.total() : 0);
  ui.phones.textContent = formatNumber(phones);
  const qid = shownQuestionId();
  const inView = feed ? feed.countFor(qid) : 0;
  const s = feed?.session;
  const q = s?.questions.find((x) => x.id === qid);
  const parts = [t(qid && qid === s?.active_question_id ? 'wall.label_active' : 'wall.label_other')];
  if (q?.state === 'closed') parts.push(t('wall.label_closed'));
  parts.push(tn('wall.question_count', inView));
  ui.label.textContent = parts.join(' · ');
}

function renderPaused() {
  ui.pause.setAttribute('aria-pressed', String(paused));
  ui.pausedInfo.textContent = paused ? tn('wall.paused_waiting', waitingWhilePaused) : '';
}

function renderSession() {
  const s = feed?.session;
  if (!s) return;
  ui.title.textContent = s.title;
  document.title = `${s.title} – ${t('wall.doc_title')}`;
  const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  fillSelect(ui.view, [
    ['', t('wall.follow_active')],
    ...s.questions.map((q, i) => [q.id, `${i + 1}. ${short(q.text)}`]),
  ]);
  fillSelect(ui.table, [['', t('wall.all_tables')], ...s.tables.map((x) => [x, x])]);
  ui.table.closest('.tool').hidden = s.tables.length === 0;
  const q = s.questions.find((x) => x.id === shownQuestionId());
  ui.question.textContent = q ? q.text : t('wall.no_question');
  // A long question gets smaller type rather than being cut off.
  ui.question.classList.toggle('wall__question--long', Boolean(q && q.text.length > 110));
}

function renderJoin() {
  if (!detail) return;
  ui.code.textContent = detail.code;
  // Phones accept the address without its scheme, and it is shorter to read off a screen.
  ui.url.textContent = detail.join_url.replace(/^https?:\/\//, '');
  ui.qr.src = `/api/sessions/${encodeURIComponent(id)}/qr.svg`;
  ui.qr.alt = t('wall.qr_alt', { url: detail.join_url });
}

function renderConn(state) {
  ui.conn.dataset.state = state;
  ui.connText.textContent = t(`conn.${state}`);
}

function renderAll() {
  renderSession();
  renderJoin();
  if (!paused) renderCards();
  renderCounts();
  renderPaused();
}

function addCard(c, live) {
  // The first replay is drawn in one go when it is complete (caughtUp), not card by card.
  if (!live) return;
  renderCounts();
  if (!matches(c)) return;
  announce();
  if (paused) {
    waitingWhilePaused += 1;
    renderPaused();
    return;
  }
  ui.cards.prepend(card(c, true));
  ui.empty.hidden = true;
  while (ui.cards.children.length > MAX_CARDS) ui.cards.lastElementChild.remove();
}

function showProblem(text) {
  ui.problem.textContent = text;
  ui.problem.hidden = false;
  markReady();
}

async function main() {
  await initI18n();
  initTheme($('#theme'));
  renderConn('connecting');
  renderPaused();
  if (!token) {
    showProblem(t('wall.no_token'));
    return;
  }
  try {
    detail = (await api(`/api/sessions/${encodeURIComponent(id)}`, { token })).data;
  } catch (e) {
    showProblem(errorText(e));
    return;
  }
  phones = detail.phones || 0;
  renderJoin();
  feed = followSession(
    { id, token },
    {
      hello: (_s, n) => {
        if (typeof n === 'number') phones = n;
        renderSession();
        renderCounts();
      },
      caughtUp: (first) => {
        if (!first) return;
        renderAll();
        markReady();
      },
      contribution: addCard,
      session: () => {
        renderSession();
        // Following the active question: a switch shows the new question's cards, unless
        // paused (then it waits, like the cards do).
        if (!paused) renderCards();
        renderCounts();
      },
      presence: (n) => {
        phones = n;
        renderCounts();
      },
      state: renderConn,
      reset: () => {
        renderCards();
        renderCounts();
      },
    },
  );
}

ui.view.addEventListener('change', () => {
  renderSession();
  renderCards();
  renderCounts();
});
ui.table.addEventListener('change', () => {
  renderCards();
  renderCounts();
});
ui.pause.addEventListener('click', () => {
  pinned = paused ? null : shownQuestionId();
  paused = !paused;
  if (!paused) {
    waitingWhilePaused = 0;
    renderSession();
    renderCards();
    renderCounts();
  }
  renderPaused();
});

if (document.fullscreenEnabled) {
  ui.fullscreen.addEventListener('click', () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener('fullscreenchange', () => {
    ui.fullscreen.setAttribute('aria-pressed', String(Boolean(document.fullscreenElement)));
  });
} else {
  ui.fullscreen.hidden = true;
}

onLangChange(() => {
  if (feed?.session) renderAll();
  else renderPaused();
  renderConn(ui.conn.dataset.state);
});

main();

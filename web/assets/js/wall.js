// The projected wall (/wall/{id}#token=…): the cards of the round on show, newest first, with
// how to join always in view. A round of several questions is a column per question, or (the
// session's wall layout "rotate") one question at a time (wall-round.js). Pausing freezes the
// cards and the turning (WCAG 2.2.2) while counts go on. Also: pinned cards, views by table
// and by theme, the word cloud, dot-vote bars, the round's countdown and, when the last round
// has closed, the count per question. `?table=Grupp A` opens a group's own wall (its questions
// and cards only); `?view=theme` a view; `?kiosk` presentation mode without full screen
// (wall-present.js). More cards than fit page by themselves (wall-paging.js; `?page_ms=`
// sets the page time, for tests).

import { api, errorText, tokenFor } from './api.js';
import { createCountdown } from './countdown.js';
import { $, batchAnnouncer, fillSelect, markReady } from './dom.js';
import { followSession, visible } from './feed.js';
import { formatNumber, initI18n, onLangChange, t, tn, useSessionLang } from './i18n.js';
import { initFullscreen, initTheme } from './theme.js';
import { numbered, questionNumber } from './session-apply.js';
import { createStage, drawEnded } from './wall-round.js';
import { drawCards, drawColumns, mergedCounts, wallShows } from './wallcards.js';
import { createPaging } from './wall-paging.js';
import { initPresentation } from './wall-present.js';
import { createVoteShow } from './wallvote.js';
import { createWallCloud } from './wall-cloud.js';

// Thousands of cards would make the projector laptop crawl; the newest ones are what the
// room reads. Exports have everything.
const MAX_CARDS = 300;
const VIEWS = ['question', 'table', 'theme', 'cloud'];

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`wall.${id}`);
const query = new URLSearchParams(location.search);
// The wall is projected: keep the secret out of the address bar (sessionStorage keeps it
// for a reload of this tab).
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

const ui = {
  title: $('#title'),
  label: $('#question-label'),
  question: $('#wall-question'),
  questionView: $('#question-view'),
  view: $('#view'),
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
  premod: $('#premod-note'),
  cloud: $('#cloud'),
  cloudImg: $('#wordcloud'),
  cloudProblem: $('#cloud-problem'),
  vote: { root: $('#vote-results'), heading: $('#vote-heading'), state: $('#vote-state'), bars: $('#vote-bars'), more: $('#vote-more'), banner: $('#vote-banner') },
  voteDismiss: $('#vote-dismiss'),
  rotateTools: $('#rotate-tools'),
  rotatePos: $('#rotate-pos'),
  ended: { root: $('#ended-view'), text: $('#ended-text'), list: $('#ended-counts') },
};

let feed = null;
let detail = null;
/** What of each card the server sends this wall (the session's setting at hello or since). */
let sentShows = { table: true, perspective: false };
let paused = false;
// While paused only the cards on screen then stay (moderation still removes or pins them).
let frozen = null;
let waitingWhilePaused = 0;
let phones = 0;
const votes = createVoteShow(ui.vote, () => feed?.session);
const fresh = new Set();
let drawQueued = 0;
let tablePreset = query.get('table');
if (VIEWS.includes(query.get('view'))) ui.view.value = query.get('view');

const announce = batchAnnouncer($('#announce'), (n) => tn('wall.new_cards', n));
const countdown = createCountdown({
  root: $('#countdown'),
  time: $('#countdown-time'),
  label: $('#countdown-label'),
  announce: $('#countdown-announce'),
  keys: 'wall4',
});
let cloud = null;

const mode = () => ui.view.value || 'question';
/** Whether this session's walls may say which table a card came from (and so filter by it). */
const tableShown = () => wallShows(feed?.session).table;
/** The table filter in force: none when the session keeps tables off the wall. */
const tableFilter = () => (tableShown() ? ui.table.value : '');
const stage = createStage(
  { session: () => feed?.session, chosen: () => ui.questionView.value, table: tableFilter, mode },
  () => {
    renderSession();
    renderView();
    renderCounts();
  },
);
const { rotation, layout, ended, matches } = stage;
const shownQuestions = stage.questions;
const shownQuestionId = stage.frontId;
const shownQuestion = stage.front;

/** The cards this wall draws: "Per tema" is an overview of every question's cards. */
const wanted = (c) => (mode() === 'theme' ? !tableFilter() || c.table === tableFilter() : matches(c));

/** The ids of the cards that stay while paused: those in view when the pause began. */
const inView = () => new Set((feed ? feed.list(wanted) : []).slice(0, MAX_CARDS).map((c) => c.id));

initPresentation({ kiosk: query.has('kiosk'), controls: [$('.wall__tools'), $('.wall__settings'), $('.vote__head')] });
const paging = createPaging($('.wall__scroll'), { pageMs: Number(query.get('page_ms')) || 0, onTurn: () => renderCounts() });

function renderCards() {
  drawQueued = 0;
  const over = ended();
  const cards = mode() !== 'cloud' && !votes.up && !over;
  ui.cards.hidden = !cards;
  ui.ended.root.hidden = !over || votes.up;
  if (over && feed) drawEnded(ui.ended, feed.session, (qid) => feed.list((c) => c.question_id === qid && (!tableFilter() || c.table === tableFilter())).length, tableFilter());
  let list = feed ? feed.list(wanted) : [];
  if (frozen) list = list.filter((c) => frozen.has(c.id));
  const merged = feed ? mergedCounts(feed.contributions) : new Map();
  const columns = layout() === 'columns' && cards;
  ui.cards.classList.toggle('cards-area--columns', columns);
  ui.cards.classList.toggle('cards-area--turning', layout() === 'rotate');
  ui.cards.classList.toggle('cards-area--themes', cards && mode() === 'theme');
  // The cards' words are in the session's language (Swedish unless it says otherwise), for
  // hyphenation, whatever language the wall's own words are in.
  ui.cards.lang = feed?.session?.settings?.language || 'sv';
  const { shown, total } = columns
    ? drawColumns(ui.cards, {
        columns: shownQuestions().map((q) => ({ q, number: questionNumber(feed.session, q.id), list: list.filter((c) => c.question_id === q.id) })),
        session: feed?.session,
        fresh,
        merged,
        max: MAX_CARDS,
      })
    : drawCards(ui.cards, {
        list: cards ? list : [],
        mode: mode(),
        session: feed?.session,
        table: tableFilter(),
        fresh,
        merged,
        max: MAX_CARDS,
      });
  fresh.clear();
  ui.empty.hidden = !cards || total > 0 || columns || (mode() === 'theme' && ui.cards.childElementCount > 0);
  ui.capped.hidden = !cards || shown >= total;
  ui.capped.textContent = t('wall.capped', { n: formatNumber(MAX_CARDS) });
}

/** Redraws the cards once per frame at most, however many events arrive. */
function queueCards() {
  if (!drawQueued) drawQueued = requestAnimationFrame(renderCards);
}

function renderCounts() {
  ui.count.textContent = formatNumber(feed ? feed.total() : 0);
  ui.phones.textContent = formatNumber(phones);
  const qid = shownQuestionId();
  const s = feed?.session;
  const q = shownQuestion();
  const qs = shownQuestions();
  const parts = [];
  if (ended()) parts.push(t('wall8.label_ended'));
  else if (mode() === 'theme') parts.push(tn('wall9.theme_count', s?.themes?.length || 0));
  else if (layout() === 'single') parts.push(t(qid && qid === s?.active_question_id ? 'wall.label_active' : 'wall.label_other'));
  else parts.push(tn('wall8.label_round', qs.length));
  if (layout() === 'rotate') parts.push(stage.position());
  if (layout() !== 'columns' && mode() !== 'theme' && q?.state === 'closed') parts.push(t('wall.label_closed'));
  if (tableFilter()) parts.push(tableFilter());
  const inView = !feed ? 0 : mode() === 'theme' || tableFilter() || layout() === 'columns' ? feed.list(wanted).length : feed.countFor(qid);
  if (!ended()) parts.push(tn('wall.question_count', inView));
  // Paging: the room sees where it is; paused shows here too, as the controls may be hidden.
  if (paging.pages > 1) parts.push(t('wall9.page', { n: formatNumber(paging.page), of: formatNumber(paging.pages) }));
  if (paused) parts.push(t('wall9.paused'));
  ui.label.textContent = parts.join(' · ');
  // The turning's place and controls: "2 av 3", back and forth by hand.
  ui.rotateTools.hidden = layout() !== 'rotate';
  ui.rotatePos.textContent = stage.position();
  rotation.run(layout() === 'rotate' && !paused);
  paging.run(!paused);
}

function renderPaused() {
  ui.pause.setAttribute('aria-pressed', String(paused));
  ui.pausedInfo.textContent = paused ? tn('wall.paused_waiting', waitingWhilePaused) : '';
}

function renderView() {
  cloud?.show(mode() === 'cloud' && !votes.up);
  votes.draw();
  renderCards();
}

function renderSession() {
  const s = feed?.session;
  if (!s) return;
  ui.title.textContent = s.title;
  document.title = `${s.title} – ${t('wall.doc_title')}`;
  const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  fillSelect(ui.questionView, [
    ['', t('wall.follow_active')],
    ...numbered(s).map(({ q, n }) => [q.id, `${n}. ${short(q.text)}`]),
  ]);
  const keep = tablePreset && s.tables.includes(tablePreset) ? tablePreset : ui.table.value;
  if (tablePreset && s.tables.length) tablePreset = null;
  fillSelect(ui.table, [['', t('wall.all_tables')], ...s.tables.map((x) => [x, x])], keep);
  ui.table.closest('.tool').hidden = s.tables.length === 0 || !tableShown();
  // Cards that do not say their table cannot be grouped by it either.
  const byTable = ui.view.querySelector('option[value="table"]');
  byTable.hidden = !tableShown();
  byTable.disabled = !tableShown();
  if (!tableShown() && ui.view.value === 'table') ui.view.value = 'question';
  ui.premod.hidden = !s.premoderation;
  const q = shownQuestion();
  // Columns carry their questions: the heading names the round.
  const round = s.rounds?.find((r) => r.question_ids.includes(q?.id));
  // "Per tema" covers every question: its heading names the overview, not one question.
  const heading = ended() ? t('wall8.ended_heading') : mode() === 'theme' ? t('wall9.themes_heading') : layout() === 'columns' ? round?.title || tn('wall8.round_heading', shownQuestions().length) : q ? q.text : t('wall.no_question');
  ui.question.textContent = heading;
  // A long question gets smaller type rather than being cut off.
  ui.question.classList.toggle('wall__question--long', heading.length > 110);
  countdown.set(ended() ? null : stage.timed()?.timer || null);
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
  renderView();
  renderCounts();
  renderPaused();
}

/** A card that is new to the wall: written now, or let through by the facilitator now. */
function newCard(c, live) {
  // The first replay is drawn in one go when it is complete (caughtUp), not card by card.
  if (!live) return;
  renderCounts();
  if (!visible(c) || !matches(c)) return;
  announce();
  if (mode() === 'cloud') cloud?.poke();
  if (paused) {
    waitingWhilePaused += 1;
    renderPaused();
    return;
  }
  fresh.add(c.id);
  queueCards();
}

function changed(c, kind, live) {
  if (!live) return;
  if (kind === 'contribution_approved') {
    newCard(c, live);
    return;
  }
  renderCounts();
  // Hidden, restored, pinned, merged, themed: applied at once, paused or not.
  if (c.question_id === shownQuestionId()) {
    queueCards();
    if (mode() === 'cloud') cloud?.poke();
  }
}

/** Session-wide events: votes, themes, timers, pre-moderation. */
function onEvent(ev, live) {
  const k = ev.kind;
  const said = votes.event(ev, live);
  if (said) $('#announce').textContent = said;
  if (k === 'round_started') rotation.reset();
  if (!live) return;
  if (k.startsWith('vote_') || k === 'question_activated' || k === 'round_started') renderView();
  else if (k.startsWith('theme') || k === 'contribution_themed') {
    if (mode() === 'theme') {
      queueCards();
      renderCounts();
    }
  } else if (k === 'timer_changed' && ev.question_id === stage.timed()?.id) {
    countdown.set(stage.timed()?.timer || null, { started: ev.action === 'start', live: true });
  } else if (k === 'moderation_changed') {
    ui.premod.hidden = !feed.session.premoderation;
  } else if (k === 'session_edited' && ev.settings) {
    // The server sent the cards with only what the old setting allowed: when the wall may now
    // show more, it reads them again (when less, the redraw already left it out).
    const now = wallShows(feed.session);
    if ((now.table && !sentShows.table) || (now.perspective && !sentShows.perspective)) feed.resync();
    sentShows = now;
  }
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
  await useSessionLang(detail.settings?.language);
  renderJoin();
  cloud = createWallCloud({ root: ui.cloud, img: ui.cloudImg, problem: ui.cloudProblem }, { id, token, question: shownQuestion });
  feed = followSession(
    { id, token },
    {
      hello: (s, n, msg) => {
        if (typeof n === 'number') phones = n;
        sentShows = wallShows(s);
        const now = Date.parse(msg?.now);
        if (Number.isFinite(now)) countdown.setOffset(now - Date.now());
        renderSession();
        renderCounts();
      },
      caughtUp: (first) => {
        if (!first) return;
        renderAll();
        markReady();
      },
      contribution: newCard,
      changed,
      event: onEvent,
      session: (s, _kind, ev) => {
        if (ev?.kind === 'session_edited') useSessionLang(s?.settings?.language);
        // A renamed table keeps its group's wall on it.
        if (ev?.kind === 'renamed' && ev.what === 'table' && ui.table.value === ev.from) tablePreset = ev.to;
        renderSession();
        // Following the active question: a switch shows the new question's cards, unless
        // paused (then it waits, like the cards do).
        if (!paused) renderView();
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

// Choosing another question, table or view while paused shows what that choice holds now.
ui.questionView.addEventListener('change', () => {
  paging.reset();
  if (paused) frozen = inView();
  renderSession();
  renderView();
  renderCounts();
});
for (const select of [ui.table, ui.view]) {
  select.addEventListener('change', () => {
    paging.reset();
    if (paused) frozen = inView();
    renderSession();
    renderView();
    renderCounts();
  });
}
ui.voteDismiss.addEventListener('click', () => {
  votes.dismiss();
  renderView();
  ui.view.focus();
});
ui.rotateTools.addEventListener('click', (e) => {
  const b = e.target.closest('button');
  if (!b) return;
  if (paused) frozen = null;
  rotation.step(b.id === 'rotate-prev' ? -1 : 1);
  if (paused) frozen = inView();
});
ui.pause.addEventListener('click', () => {
  stage.hold(!paused);
  paused = !paused;
  frozen = paused ? inView() : null;
  if (!paused) {
    waitingWhilePaused = 0;
    renderSession();
    renderView();
  }
  renderCounts();
  renderPaused();
});

initFullscreen(ui.fullscreen);

onLangChange(() => {
  if (feed?.session) renderAll();
  else renderPaused();
  countdown.paint();
  renderConn(ui.conn.dataset.state);
});

main();

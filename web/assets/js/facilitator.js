// The facilitator's console (/facilitator/{id}) and, read-only, the secretary's
// (/secretary/{id}): steer the rounds and their questions, share the join link and QR, open
// the wall, download exports, and follow the contributions live over the wall socket. The
// plan (console-plan.js), the rounds as they run (console-rounds.js), the set-up
// (console-setup.js), sharing (console-share.js) and facilitation (moderation, themes,
// votes, timers, word cloud, table cards) live in the console-*.js modules; this file wires
// them to the live model (console-store.js).

import { api, errorText, tokenFor } from './api.js';
import { $, batchAnnouncer, markReady } from './dom.js';
import { createBar } from './console-bar.js';
import { createFilters } from './console-filters.js';
import { createGroups } from './console-groups.js';
import { createLeaders } from './console-leaders.js';
import { createList } from './console-list.js';
import { createModeration } from './console-moderation.js';
import { createNotes } from './console-notes.js';
import { createPlan } from './console-plan.js';
import { createRounds } from './console-rounds.js';
import { createSeries } from './console-series.js';
import { createSetup } from './console-setup.js';
import { createShare } from './console-share.js';
import { followConsole } from './console-store.js';
import { createSuggest } from './console-suggest.js';
import { createThemes } from './console-themes.js';
import { createTimers } from './console-timer.js';
import { createVotes } from './console-votes.js';
import { createWordcloud } from './console-wordcloud.js';
import { formatDateTime, formatNumber, initI18n, onLangChange, t, tn, useSessionLang } from './i18n.js';
import { questionNumber as numberIn } from './session-apply.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`console.${id}`);
const base = `/api/sessions/${encodeURIComponent(id)}`;

const ui = {
  role: $('#role'),
  title: $('#title'),
  created: $('#created'),
  problem: $('#problem'),
  console: $('#console'),
  questionsStatus: $('#questions-status'),
  count: $('#count'),
  phones: $('#phones'),
  list: $('#contributions'),
  empty: $('#contrib-empty'),
  conn: $('#conn'),
  connText: $('#conn-text'),
};

let detail = null;
let feed = null;
let phones = 0;
const canSteer = () => detail?.role === 'facilitator';

const announce = batchAnnouncer($('#announce'), (n) => tn('wall.new_cards', n));
const actionRegion = $('#action-announce');
/** Says what an action did, once (a polite live region, apart from the new-cards one). */
function say(text) {
  actionRegion.textContent = '';
  // A fresh text node, even when the words repeat, so it is spoken again.
  setTimeout(() => {
    actionRegion.textContent = text;
  }, 50);
}

/** A facilitation request on this session: resolves to the answer's JSON. */
async function call(method, path, body) {
  const { data } = await api(`${base}${path}`, { method, token, body });
  return data;
}

/** A question's number in the plan (rounds in order), as phones, walls and exports count. */
function questionNumber(qid) {
  return numberIn(feed?.session, qid) || '?';
}

const ctx = {
  get store() {
    return feed;
  },
  call,
  announce: say,
  steer: canSteer,
  questionNumber,
  path: base,
  token,
  id,
  status: (text) => {
    ui.questionsStatus.textContent = text;
  },
};
const moderation = createModeration(ctx);
const themes = createThemes(ctx);
// Object.create keeps ctx's `store` getter live (a spread would copy today's null).
const suggest = createSuggest(Object.assign(Object.create(ctx), { themes }));
const votes = createVotes(ctx);
const timers = createTimers(ctx);
const wordcloud = createWordcloud(ctx);
const groups = createGroups(ctx);
const leaders = createLeaders(ctx);
const rounds = createRounds(ctx);
const plan = createPlan(ctx);
const setup = createSetup(ctx);
const share = createShare(ctx);
const series = createSeries(ctx);
const bar = createBar(ctx);
const notes = createNotes(ctx);

// ---- contributions ---------------------------------------------------------------------

const filters = createFilters(renderList);

const list = createList(ui.list, Object.assign(Object.create(ctx), {
  filter: filters.match,
  moderate: (cid, action) => moderation.moderate(cid, action),
  assign: (cid, themeId) => themes.assign(cid, themeId),
}));

/** Every card the list could show (the filters aside): not merged, not waiting for review. */
const listable = (c) => !c.merged_into && (!c.pending || c.hidden);

function renderList() {
  const n = feed ? list.render() : 0;
  renderShown(n);
}

/** "No cards yet", or how many of them the filters let through. */
function renderShown(n = list.size) {
  const total = feed ? feed.list(listable).length : 0;
  ui.empty.hidden = total > 0;
  filters.renderCount(n, total);
}

function renderCounts() {
  ui.count.textContent = formatNumber(feed ? feed.total() : 0);
  ui.phones.textContent = formatNumber(phones);
}

/** Everything that shows cards: drawn after the first replay, then kept up to date. */
let summaryTimer = 0;
function cardsChanged(c) {
  if (!feed?.ready) return;
  if (c) {
    list.upsert(c);
    wordcloud.touched(c.question_id);
  }
  themes.schedule();
  // Counts and the queue walk every card: once per burst, not once per card.
  summaryTimer ||= setTimeout(() => {
    summaryTimer = 0;
    renderCounts();
    renderShown();
    renderQuestionList();
    if (canSteer()) moderation.render();
  }, 80);
}

function addContribution(c, live) {
  // The first replay is drawn in one go when it is complete (caughtUp).
  if (!live) return;
  if (!c.pending) announce();
  cardsChanged(c);
}

/** Any other event: moderation, themes, votes, timers, questions. */
function changed(ev, { live, contribution }) {
  if (!live) return;
  const k = ev.kind;
  if (k.startsWith('contribution_')) cardsChanged(contribution);
  if (k === 'themes_merged' || k.startsWith('theme_')) {
    list.refresh();
    themes.schedule();
  }
  if (k.startsWith('vote_')) votes.render();
  if (k.startsWith('question_') || k === 'timer_changed' || PLAN_KINDS.has(k)) {
    renderQuestionList();
    renderHeader();
    wordcloud.session();
    themes.schedule();
  }
  if (k === 'session_edited' || k === 'renamed') {
    // Tables and perspectives: the set-up, the QR per table, the group walls, the cards.
    setup.render();
    series.render();
    renderHeader();
    renderShare();
    groups.render(detail, feed.session.tables);
    leaders.render(feed.session.tables);
    if (k === 'renamed') {
      list.refresh();
      // The leaders' summaries carry their table's name: read them again under the new one.
      notes.load();
    }
  }
  if (k === 'timer_changed' && ev.action === 'expired') say(t('fac4.timer_expired', { n: questionNumber(ev.question_id) }));
  if (k === 'moderation_changed') {
    moderation.renderSettings();
    moderation.render();
  }
  // A reader who never chose a language here follows the session's.
  if (k === 'session_edited') useSessionLang(feed.session.settings?.language);
  if (k === 'note_written') notes.event(ev);
  // Questions and themes are what notes are written on: their names and numbers follow.
  else if (k.startsWith('theme') || k.startsWith('question_') || PLAN_KINDS.has(k)) notes.render();
}

// ---- rounds and questions --------------------------------------------------------------

// Events that change the plan or the set-up rather than one question.
const PLAN_KINDS = new Set(['round_started', 'session_ended', 'rounds_planned', 'session_edited', 'renamed']);

function renderQuestionList() {
  const s = feed?.session;
  if (!s) return;
  rounds.render({ steer: canSteer(), counts: feed.byQuestion(), act, extra: questionExtra });
  plan.render();
  bar.render();
}

/** Each question's timer and, for the facilitator, its "suggest themes" button (its edit box
 *  is in the plan, under "Före"). */
const questionExtra = {
  build(li, q, n) {
    timers.build(li, q, n);
    if (!canSteer()) return;
    suggest.button(li, q);
  },
  update(li, q, n) {
    timers.update(li, q, n);
    suggest.label(li, n);
  },
};

async function act(action, qid) {
  ui.questionsStatus.textContent = '';
  try {
    const { data } = await api(`${base}/questions/${encodeURIComponent(qid)}/${action}`, { method: 'POST', token });
    feed.update(data);
    ui.questionsStatus.textContent = t(`fac.done_${action}`, { n: questionNumber(qid) });
  } catch (e) {
    ui.questionsStatus.textContent = errorText(e);
  }
}

// ---- session, sharing ------------------------------------------------------------------

function renderHeader() {
  const s = feed?.session || detail;
  if (!s) return;
  ui.title.textContent = s.title;
  document.title = `${s.title} – ${t('fac.doc_title')}`;
  ui.role.textContent = t(`fac.role_${detail.role}`);
  ui.created.textContent = t('fac.created', { date: formatDateTime(detail.created_at) });
  filters.renderOptions(s, feed ? [...new Set(feed.list((c) => c.table).map((c) => c.table))] : []);
}

function renderShare() {
  share.render(detail, feed?.session?.tables || detail.tables || []);
  bar.render(detail);
}

function renderConn(state) {
  ui.conn.dataset.state = state;
  ui.connText.textContent = t(`conn.${state}`);
}

function renderAll() {
  renderHeader();
  renderShare();
  groups.render(detail, feed?.session?.tables || detail.tables || []);
  leaders.render(feed?.session?.tables || detail.tables || []);
  renderQuestionList();
  renderList();
  renderCounts();
  setup.render();
  series.render(detail);
  if (!feed?.ready) return;
  if (canSteer()) {
    moderation.render();
    moderation.renderSettings();
  }
  votes.render();
  themes.setVisible(true);
  themes.render();
  wordcloud.session();
  notes.render();
}

function showProblem(text) {
  ui.problem.textContent = text;
  ui.problem.hidden = false;
  ui.console.hidden = true;
  markReady();
}

async function main() {
  await initI18n();
  renderConn('connecting');
  if (!token) {
    showProblem(t('fac.no_token'));
    return;
  }
  try {
    detail = (await api(base, { token })).data;
  } catch (e) {
    showProblem(errorText(e));
    return;
  }
  if (detail.role === 'wall') {
    showProblem(t('fac.wall_token'));
    return;
  }
  phones = detail.phones || 0;
  // The session's language, unless this reader chose one here.
  await useSessionLang(detail.settings?.language);
  document.body.dataset.role = detail.role;
  ui.console.hidden = false;
  renderHeader();
  renderShare();
  feed = followConsole(
    { id, token },
    {
      hello: (_s, n) => {
        if (typeof n === 'number') phones = n;
        // A reconnect's hello carries a fresh session: redraw what is built from it.
        if (feed?.ready) renderAll();
        else {
          renderHeader();
          renderQuestionList();
          renderCounts();
        }
      },
      caughtUp: (first) => {
        if (!first) return;
        renderAll();
        if (canSteer()) moderation.load();
        notes.load();
        wordcloud.start();
        bar.spy();
        markReady();
      },
      contribution: addContribution,
      change: changed,
      session: () => {
        renderQuestionList();
        renderHeader();
        setup.render();
      },
      presence: (n) => {
        phones = n;
        renderCounts();
      },
      state: renderConn,
      reset: () => renderAll(),
    },
  );
}

onLangChange(() => {
  renderConn(ui.conn.dataset.state);
  if (!detail || detail.role === 'wall') return;
  // Items carry words in their controls: build them again in the new language.
  list.clear();
  themes.relabel();
  setup.relabel();
  series.relabel();
  renderAll();
  if (!feed?.ready) return;
  moderation.relabel();
  votes.relabel();
  suggest.relabel();
  wordcloud.relabel();
});

main();

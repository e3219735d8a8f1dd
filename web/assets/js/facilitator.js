// The facilitator's console (/facilitator/{id}) and, read-only, the secretary's
// (/secretary/{id}): steer the questions, share the join link and QR, open the wall,
// download exports, and follow the contributions live over the wall socket. Facilitation
// (moderation, themes, votes, timers, word cloud, table cards) lives in the console-*.js
// modules; this file wires them to the live model (console-store.js).

import { api, download, errorText, tokenFor } from './api.js';
import { copyText } from './clipboard.js';
import { $, batchAnnouncer, el, fillSelect, markReady } from './dom.js';
import { createGroups } from './console-groups.js';
import { createList } from './console-list.js';
import { createModeration } from './console-moderation.js';
import { followConsole } from './console-store.js';
import { createSuggest } from './console-suggest.js';
import { createThemes } from './console-themes.js';
import { createTimers } from './console-timer.js';
import { createVotes } from './console-votes.js';
import { createWordcloud } from './console-wordcloud.js';
import { currentLang, formatDateTime, formatNumber, initI18n, onLangChange, t, tn } from './i18n.js';
import { renderQuestions } from './questions.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`console.${id}`);
const base = `/api/sessions/${encodeURIComponent(id)}`;

const ui = {
  role: $('#role'),
  title: $('#title'),
  created: $('#created'),
  problem: $('#problem'),
  console: $('#console'),
  questions: $('#questions'),
  questionsStatus: $('#questions-status'),
  share: $('#share'),
  count: $('#count'),
  phones: $('#phones'),
  filter: $('#contrib-filter'),
  list: $('#contributions'),
  empty: $('#contrib-empty'),
  conn: $('#conn'),
  connText: $('#conn-text'),
  exportStatus: $('#export-status'),
  copyStatus: $('#copy-status'),
  qrTable: $('#qr-table'),
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

function questionNumber(qid) {
  const i = feed?.session?.questions.findIndex((q) => q.id === qid) ?? -1;
  return i >= 0 ? i + 1 : '?';
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

// ---- contributions ---------------------------------------------------------------------

const filterMatch = (c) => !ui.filter.value || c.question_id === ui.filter.value;

const list = createList(ui.list, Object.assign(Object.create(ctx), {
  filter: filterMatch,
  moderate: (cid, action) => moderation.moderate(cid, action),
  assign: (cid, themeId) => themes.assign(cid, themeId),
  async merge(cid, into) {
    try {
      await call('POST', `/contributions/${encodeURIComponent(cid)}/merge`, { into });
      say(t('fac4.merged'));
      return true;
    } catch (e) {
      say(errorText(e));
      return false;
    }
  },
}));

function renderList() {
  const n = feed ? list.render() : 0;
  ui.empty.hidden = n > 0;
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
    ui.empty.hidden = list.size > 0;
    wordcloud.touched(c.question_id);
  }
  themes.schedule();
  // Counts and the queue walk every card: once per burst, not once per card.
  summaryTimer ||= setTimeout(() => {
    summaryTimer = 0;
    renderCounts();
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
  if (k.startsWith('question_') || k === 'timer_changed') {
    renderQuestionList();
    renderHeader();
    wordcloud.session();
    themes.schedule();
  }
  if (k === 'timer_changed' && ev.action === 'expired') say(t('fac4.timer_expired', { n: questionNumber(ev.question_id) }));
  if (k === 'moderation_changed') moderation.renderSettings();
}

// ---- questions -------------------------------------------------------------------------

function renderQuestionList() {
  const s = feed?.session;
  if (!s) return;
  renderQuestions(ui.questions, s, { steer: canSteer(), counts: feed.byQuestion(), act, extra: questionExtra });
}

/** Each question's timer and, for the facilitator, its "suggest themes" button. */
const questionExtra = {
  build(li, q, n) {
    timers.build(li, q, n);
    if (!canSteer()) return;
    const b = el('button', { class: 'btn btn-small', data: { suggest: q.id }, attrs: { type: 'button', id: `suggest-${q.id}` } });
    b.addEventListener('click', () => suggest.suggest(q.id));
    li.querySelector('.q__actions')?.append(b);
  },
  update(li, q, n) {
    timers.update(li, q, n);
    const b = li.querySelector('[data-suggest]');
    if (!b) return;
    b.textContent = t('fac4.suggest');
    b.setAttribute('aria-label', t('fac4.suggest_named', { n: formatNumber(n) }));
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
  const options = (s.questions || []).map((q, i) => [q.id, t('fac.question_option', { n: i + 1, text: q.text.length > 60 ? `${q.text.slice(0, 57)}…` : q.text })]);
  fillSelect(ui.filter, [['', t('fac.all_questions')], ...options]);
}

function qrPath(ext) {
  const table = ui.qrTable.value;
  return `${base}/qr.${ext}${table ? `?table=${encodeURIComponent(table)}` : ''}`;
}

function renderQrLinks() {
  const tableSlug = ui.qrTable.value ? `-${ui.qrTable.value.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}` : '';
  for (const ext of ['png', 'svg']) {
    const a = $(`#qr-${ext}`);
    a.href = qrPath(ext);
    a.download = `inspel-${detail.code.toLowerCase()}${tableSlug}.${ext}`;
  }
}

function renderShare() {
  if (!canSteer() || !detail.links) {
    ui.share.hidden = true;
    return;
  }
  ui.share.hidden = false;
  const links = detail.links;
  $('#join-link').href = links.join_url;
  $('#join-link').textContent = links.join_url;
  $('#join-code').textContent = detail.code;
  $('#open-wall').href = links.wall_url;
  $('#qr-preview').src = `${base}/qr.svg`;
  $('#qr-preview').alt = t('wall.qr_alt', { url: links.join_url });
  $('#link-join').value = links.join_url;
  $('#link-wall').value = links.wall_url;
  $('#link-secretary').value = links.secretary_url;
  $('#link-facilitator').value = links.facilitator_url;
  const tables = feed?.session?.tables || detail.tables || [];
  fillSelect(ui.qrTable, [['', t('fac.qr_all_tables')], ...tables.map((x) => [x, x])]);
  ui.qrTable.closest('.field').hidden = tables.length === 0;
  renderQrLinks();
}

function wireCopy(button, pick) {
  button.addEventListener('click', async () => {
    const ok = await copyText(pick());
    ui.copyStatus.textContent = t(ok ? 'fac.copied' : 'fac.copy_failed');
  });
}

/** The export options chosen on the page, in the page's language, as a query string. */
function exportQuery() {
  const q = new URLSearchParams({ lang: currentLang(), group: $('#export-group').value });
  if ($('#export-hidden').checked) q.set('include_hidden', 'true');
  return q.toString();
}

/** The printable report opens in a new tab; its token travels in the fragment, as in every link. */
function renderPrintLink() {
  $('#export-print').href = `/secretary/${encodeURIComponent(id)}/report?${exportQuery()}#token=${encodeURIComponent(token || '')}`;
}

function wireExport(button, ext) {
  button.addEventListener('click', async () => {
    ui.exportStatus.textContent = t('fac.export_working');
    try {
      await download(`${base}/export.${ext}?${exportQuery()}`, token, `inspel-${detail.code.toLowerCase()}.${ext}`);
      ui.exportStatus.textContent = t('fac.export_done');
    } catch (e) {
      ui.exportStatus.textContent = errorText(e);
    }
  });
}

function renderConn(state) {
  ui.conn.dataset.state = state;
  ui.connText.textContent = t(`conn.${state}`);
}

function renderAll() {
  renderHeader();
  renderShare();
  groups.render(detail, feed?.session?.tables || detail.tables || []);
  renderQuestionList();
  renderList();
  renderCounts();
  if (!feed?.ready) return;
  if (canSteer()) {
    moderation.render();
    moderation.renderSettings();
  }
  votes.render();
  themes.setVisible(true);
  themes.render();
  wordcloud.session();
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
        wordcloud.start();
        markReady();
      },
      contribution: addContribution,
      change: changed,
      session: () => {
        renderQuestionList();
        renderHeader();
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

wireCopy($('#copy-join'), () => detail.links.join_url);
wireCopy($('#copy-wall'), () => detail.links.wall_url);
wireCopy($('#copy-secretary'), () => detail.links.secretary_url);
wireExport($('#export-docx'), 'docx');
wireExport($('#export-xlsx'), 'xlsx');
wireExport($('#export-csv'), 'csv');
wireExport($('#export-json'), 'json');
wireExport($('#export-md'), 'md');
renderPrintLink();
$('#export-group').addEventListener('change', renderPrintLink);
$('#export-hidden').addEventListener('change', renderPrintLink);
ui.qrTable.addEventListener('change', renderQrLinks);
ui.filter.addEventListener('change', renderList);

onLangChange(() => {
  renderConn(ui.conn.dataset.state);
  renderPrintLink();
  if (!detail || detail.role === 'wall') return;
  // Items carry words in their controls: build them again in the new language.
  list.clear();
  themes.relabel();
  renderAll();
  if (!feed?.ready) return;
  moderation.relabel();
  votes.relabel();
  suggest.relabel();
  wordcloud.relabel();
});

main();

// The facilitator's console (/facilitator/{id}) and, read-only, the secretary's
// (/secretary/{id}): steer the questions, share the join link and QR, open the wall,
// download exports, and follow the contributions live over the wall socket.

import { api, download, errorText, tokenFor } from './api.js';
import { copyText } from './clipboard.js';
import { $, batchAnnouncer, el, fillSelect, markReady } from './dom.js';
import { followSession } from './feed.js';
import { formatDateTime, formatNumber, formatTime, initI18n, onLangChange, t, tn } from './i18n.js';
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

// ---- contributions ---------------------------------------------------------------------

function questionNumber(qid) {
  const i = feed?.session?.questions.findIndex((q) => q.id === qid) ?? -1;
  return i >= 0 ? i + 1 : '?';
}

function contribItem(c) {
  const meta = [t('fac.question_short', { n: questionNumber(c.question_id) }), c.table, c.perspective, formatTime(c.created_at)]
    .filter(Boolean)
    .join(' · ');
  return el(
    'li',
    { class: 'contrib', data: { id: c.id } },
    el('p', { class: 'contrib__text', text: c.text }),
    el('p', { class: 'contrib__meta', text: meta }),
  );
}

const filterMatch = (c) => !ui.filter.value || c.question_id === ui.filter.value;

function renderList() {
  const list = feed ? feed.list(filterMatch) : [];
  ui.list.replaceChildren(...list.map(contribItem));
  ui.empty.hidden = list.length > 0;
}

function renderCounts() {
  ui.count.textContent = formatNumber(feed ? feed.total() : 0);
  ui.phones.textContent = formatNumber(phones);
}

function addContribution(c, live) {
  // The first replay is drawn in one go when it is complete (caughtUp).
  if (!live) return;
  renderCounts();
  renderQuestionList();
  announce();
  if (!filterMatch(c)) return;
  ui.list.prepend(contribItem(c));
  ui.empty.hidden = true;
}

// ---- questions -------------------------------------------------------------------------

function renderQuestionList() {
  const s = feed?.session;
  if (!s) return;
  renderQuestions(ui.questions, s, { steer: canSteer(), counts: feed.byQuestion(), act });
}

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

function wireExport(button, ext) {
  button.addEventListener('click', async () => {
    ui.exportStatus.textContent = t('fac.export_working');
    try {
      await download(`${base}/export.${ext}`, token, `inspel-${detail.code.toLowerCase()}.${ext}`);
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
  renderQuestionList();
  renderList();
  renderCounts();
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
  feed = followSession(
    { id, token },
    {
      hello: (_s, n) => {
        if (typeof n === 'number') phones = n;
        renderHeader();
        renderQuestionList();
        renderCounts();
      },
      caughtUp: (first) => {
        if (!first) return;
        renderAll();
        markReady();
      },
      contribution: addContribution,
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
wireExport($('#export-json'), 'json');
wireExport($('#export-csv'), 'csv');
wireExport($('#export-md'), 'md');
ui.qrTable.addEventListener('change', renderQrLinks);
ui.filter.addEventListener('change', renderList);

onLangChange(() => {
  renderConn(ui.conn.dataset.state);
  if (detail && detail.role !== 'wall') renderAll();
});

main();

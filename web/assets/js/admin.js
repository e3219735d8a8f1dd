// The admin page (/admin#token=…): create a session and list them all. The admin token
// comes in the URL fragment (printed by the server at start) or is typed in. Questions are
// typed one per line; a line starting with # starts a round (dialogpass) whose questions are
// open together, e.g. "# Dialog 15 minuter (15 min)" and its three questions under it.

import { ApiError, api, errorText, tokenFor } from './api.js';
import { $, el, markReady } from './dom.js';
import { formatDateTime, initI18n, onLangChange, t, tn } from './i18n.js';
import { saveTab } from './storage.js';

let token = tokenFor('admin');
let sessions = [];
let created = null;

const ui = {
  problem: $('#problem'),
  auth: $('#auth'),
  admin: $('#admin'),
  form: $('#create'),
  title: $('#title'),
  questions: $('#questions'),
  tables: $('#tables'),
  perspectives: $('#perspectives'),
  status: $('#create-status'),
  tableCount: $('#table-count'),
  plan: $('#plan'),
  planEmpty: $('#plan-empty'),
  closing: $('#closing-text'),
  layout: $('#wall-layout'),
  language: $('#session-language'),
  list: $('#sessions'),
  empty: $('#sessions-empty'),
};

const lines = (text) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

const defaultPerspectives = () => lines(t('admin.default_perspectives'));

function showProblem(text) {
  ui.problem.textContent = text;
  ui.problem.hidden = !text;
}

function linkRow(labelKey, href, opensPage = true) {
  const a = el('a', { text: href, attrs: { href } });
  if (opensPage) {
    a.target = '_blank';
    a.rel = 'noopener';
    a.append(el('span', { class: 'sr-only', text: t('common.new_window') }));
  }
  return [el('dt', { text: t(labelKey) }), el('dd', {}, a)];
}

function renderCreated() {
  const box = $('#created');
  box.hidden = !created;
  if (!created) return;
  $('#created-links').replaceChildren(
    ...linkRow('admin.link_facilitator', created.facilitator_url),
    ...linkRow('admin.link_wall', created.wall_url),
    ...linkRow('admin.link_secretary', created.secretary_url),
    ...linkRow('admin.link_join', created.join_url),
    el('dt', { text: t('fac.code') }),
    el('dd', {}, el('strong', { class: 'code', text: created.code })),
  );
}

function sessionItem(s) {
  const open = el('a', { class: 'btn btn-primary btn-small', text: t('admin.open_console'), attrs: { href: s.facilitator_url } });
  const wall = el('a', { class: 'btn btn-small', attrs: { href: s.wall_url, target: '_blank', rel: 'noopener' } },
    t('admin.open_wall'), el('span', { class: 'sr-only', text: t('common.new_window') }));
  const sec = el('a', { class: 'btn btn-small', text: t('admin.open_secretary'), attrs: { href: s.secretary_url } });
  const info = [t('admin.code_is', { code: s.code }), tn('admin.question_count', s.questions.length), t('fac.created', { date: formatDateTime(s.created_at) })];
  return el(
    'li',
    { class: 'session-item', data: { id: s.id } },
    el('h3', { text: s.title }),
    el('p', { text: info.join(' · ') }),
    el('div', { class: 'actions' }, open, wall, sec),
  );
}

function renderList() {
  ui.list.replaceChildren(...sessions.map(sessionItem));
  ui.empty.hidden = sessions.length > 0;
}

async function load() {
  try {
    sessions = (await api('/api/sessions', { token })).data;
    showProblem('');
    ui.auth.hidden = true;
    ui.admin.hidden = false;
    renderList();
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      ui.admin.hidden = true;
      ui.auth.hidden = false;
      showProblem(token ? t('admin.token_wrong') : '');
    } else {
      showProblem(errorText(e));
    }
    return false;
  }
}

$('#token-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  token = $('#admin-token').value.trim();
  saveTab('inspel.token.admin', token);
  if (await load()) ui.title.focus();
});

const tableCount = () => Math.min(100, Math.max(0, Number.parseInt(ui.tableCount.value, 10) || 0));
const fillTables = (n) => {
  ui.tables.value = Array.from({ length: n }, (_, i) => t('admin.table_name', { n: i + 1 })).join('\n');
};

$('#fill-tables').addEventListener('click', () => {
  const n = tableCount();
  if (!n) {
    ui.tableCount.focus();
    return;
  }
  fillTables(n);
});

$('#reset-perspectives').addEventListener('click', () => {
  ui.perspectives.value = defaultPerspectives().join('\n');
});

// "Vad lockar? (15 min)" plans a 15-minute time box for that question (or round); the
// countdown is started from the console.
const TIME_BOX = /\s*\((\d{1,3})\s*min\)\s*$/i;
function question(line) {
  const m = line.match(TIME_BOX);
  if (!m || Number(m[1]) < 1) return line;
  return { text: line.replace(TIME_BOX, ''), duration_secs: Number(m[1]) * 60 };
}
const ROUND = /^#+\s*/;

/** The typed plan: rounds of questions. A question outside any # heading is a round of its own. */
function plan(text) {
  const rounds = [];
  let open = null;
  for (const line of lines(text)) {
    if (ROUND.test(line)) {
      const head = question(line.replace(ROUND, ''));
      open = { title: typeof head === 'string' ? head : head.text, duration_secs: head.duration_secs ?? null, questions: [] };
      rounds.push(open);
    } else if (open) open.questions.push(question(line));
    else {
      const q = question(line);
      rounds.push({ title: '', duration_secs: q.duration_secs ?? null, questions: [q], alone: true });
    }
  }
  return rounds;
}

const textOf = (q) => (typeof q === 'string' ? q : q.text);
const minutes = (secs) => (secs ? t('admin8.minutes', { n: Math.round(secs / 60) }) : '');

/** Shows the plan as it will be made, round by round, while it is typed. */
function renderPlan() {
  const rounds = plan(ui.questions.value);
  ui.planEmpty.hidden = rounds.length > 0;
  ui.plan.replaceChildren(
    ...rounds.map((r, i) => {
      const name = r.title ? t('fac8.round_named', { n: i + 1, title: r.title }) : t('fac8.round_n', { n: i + 1 });
      const meta = [tn('fac8.question_count', r.questions.length), minutes(r.duration_secs)].filter(Boolean).join(' · ');
      return el(
        'li',
        { class: r.questions.length ? 'plan-preview__round' : 'plan-preview__round plan-preview__round--empty' },
        el('p', { class: 'plan-preview__name' }, el('strong', { text: name }), ` – ${meta}`),
        r.questions.length ? el('ol', {}, ...r.questions.map((q) => el('li', { text: textOf(q) }))) : el('p', { class: 'error-text', text: t('admin8.round_empty') }),
      );
    }),
  );
}
ui.questions.addEventListener('input', renderPlan);

$('#add-round').addEventListener('click', () => {
  const head = `# ${t('admin8.round_template')}`;
  const before = ui.questions.value.replace(/\s*$/, '');
  ui.questions.value = before ? `${before}\n${head}\n` : `${head}\n`;
  renderPlan();
  ui.questions.focus();
  // The title is selected, ready to be typed over.
  const at = ui.questions.value.lastIndexOf(head) + 2;
  ui.questions.setSelectionRange(at, at + head.length - 2);
});

ui.form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const title = ui.title.value.trim();
  const rounds = plan(ui.questions.value);
  const questions = rounds.flatMap((r) => r.questions);
  if (!title) {
    ui.status.textContent = t('admin.need_title');
    ui.title.focus();
    return;
  }
  if (!questions.length) {
    ui.status.textContent = t('admin.need_question');
    ui.questions.focus();
    return;
  }
  const empty = rounds.find((r) => !r.questions.length);
  if (empty) {
    ui.status.textContent = t('admin8.need_round_question', { title: empty.title });
    ui.questions.focus();
    return;
  }
  // A number of tables typed without "fill in" still makes the tables: never none by mistake.
  let filled = 0;
  if (!lines(ui.tables.value).length && tableCount()) {
    filled = tableCount();
    fillTables(filled);
  }
  ui.status.textContent = t('admin.creating');
  try {
    const body = { title, tables: lines(ui.tables.value), perspectives: lines(ui.perspectives.value) };
    // Without a # heading every question is its own round, as sessions always were.
    if (rounds.every((r) => r.alone)) body.questions = questions;
    else body.rounds = rounds.map(({ title: t2, duration_secs, questions: qs }) => ({ title: t2, duration_secs, questions: qs }));
    if (ui.closing.value.trim()) body.closing_text = ui.closing.value.trim();
    for (const [key, id] of [['series', '#new-series'], ['place', '#new-place']]) if ($(id).value.trim()) body[key] = $(id).value.trim();
    body.wall_layout = ui.layout.value;
    body.language = ui.language.value;
    created = (await api('/api/sessions', { method: 'POST', token, body })).data;
    const made = t('admin.created_status', { title: created.title });
    ui.status.textContent = filled ? `${made} ${tn('admin8.tables_filled', filled)}` : made;
    ui.form.reset();
    ui.perspectives.value = defaultPerspectives().join('\n');
    renderPlan();
    renderCreated();
    $('#created-heading').focus();
    await load();
  } catch (err) {
    ui.status.textContent = errorText(err);
  }
});

onLangChange(() => {
  renderCreated();
  renderList();
  renderPlan();
});

async function main() {
  await initI18n();
  ui.perspectives.value = defaultPerspectives().join('\n');
  renderPlan();
  if (token) await load();
  else {
    ui.auth.hidden = false;
  }
  markReady();
}

main();

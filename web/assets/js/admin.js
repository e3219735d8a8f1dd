// The admin page (/admin#token=…): create a session and list them all. The admin token
// comes in the URL fragment (printed by the server at start) or is typed in.

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

$('#fill-tables').addEventListener('click', () => {
  const n = Math.min(100, Math.max(0, Number.parseInt($('#table-count').value, 10) || 0));
  if (!n) {
    $('#table-count').focus();
    return;
  }
  ui.tables.value = Array.from({ length: n }, (_, i) => t('admin.table_name', { n: i + 1 })).join('\n');
});

$('#reset-perspectives').addEventListener('click', () => {
  ui.perspectives.value = defaultPerspectives().join('\n');
});

// "Vad lockar? (15 min)" plans a 15-minute time box for that question; the countdown is
// started from the console.
const TIME_BOX = /\s*\((\d{1,3})\s*min\)\s*$/i;
function question(line) {
  const m = line.match(TIME_BOX);
  if (!m || Number(m[1]) < 1) return line;
  return { text: line.replace(TIME_BOX, ''), duration_secs: Number(m[1]) * 60 };
}

ui.form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const title = ui.title.value.trim();
  const questions = lines(ui.questions.value);
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
  ui.status.textContent = t('admin.creating');
  try {
    const body = { title, questions: questions.map(question), tables: lines(ui.tables.value), perspectives: lines(ui.perspectives.value) };
    created = (await api('/api/sessions', { method: 'POST', token, body })).data;
    ui.status.textContent = t('admin.created_status', { title: created.title });
    ui.form.reset();
    ui.perspectives.value = defaultPerspectives().join('\n');
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
});

async function main() {
  await initI18n();
  ui.perspectives.value = defaultPerspectives().join('\n');
  if (token) await load();
  else {
    ui.auth.hidden = false;
  }
  markReady();
}

main();

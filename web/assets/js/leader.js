// A table's discussion leader's page (/leader/{id}#token=…): the link the facilitator hands
// the leader of one table. The leader picks a question their table answers and writes a short
// summary of what the table said; it is stored as an event and printed in the report under
// the question, after the secretary's note. The token is good for this table's summaries
// only: the page shows nothing of the cards, the other tables or the secretary's notes.
// Phone first: one column, at 320 px without sideways scrolling.

import { ApiError, api, errorText, tokenFor } from './api.js';
import { $, el, markReady } from './dom.js';
import { formatNumber, initI18n, onLangChange, t, useSessionLang } from './i18n.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`leader.${id}`);
const base = `/api/sessions/${encodeURIComponent(id)}/leader`;

const ui = {
  title: $('#title'),
  table: $('#leader-table'),
  problem: $('#problem'),
  panel: $('#leader-panel'),
  form: $('#leader-form'),
  question: $('#leader-question'),
  questionText: $('#leader-question-text'),
  text: $('#leader-text'),
  count: $('#leader-count'),
  remove: $('#leader-remove'),
  status: $('#leader-status'),
  written: $('#leader-written'),
  none: $('#leader-none'),
  list: $('#leader-list'),
};

/** The page as the server last answered: title, table, questions, this table's summaries. */
let view = null;
/** What was typed per question and not saved yet, so picking another question loses nothing. */
const drafts = new Map();

const chars = (s) => [...s].length;
const noteOn = (qid) => view?.notes.find((n) => n.question_id === qid);
const questionOf = (qid) => view?.questions.find((q) => q.id === qid);
const short = (s, n = 50) => (chars(s) > n ? `${[...s].slice(0, n - 1).join('')}…` : s);
const named = (q) => t('leader.question_n', { n: formatNumber(q.nr) });

function showProblem(text) {
  ui.problem.textContent = text;
  ui.problem.hidden = false;
  ui.panel.hidden = true;
  ui.written.hidden = true;
  markReady();
}

function problemText(e) {
  // A link that no longer opens (its table renamed, or a mistyped address) says what to do.
  return e instanceof ApiError && e.status === 401 ? t('leader.bad_link') : errorText(e);
}

function renderOptions() {
  const keep = ui.question.value;
  ui.question.replaceChildren(
    ...view.questions.map((q) => {
      const key = noteOn(q.id) ? 'leader.option_written' : 'leader.option';
      return el('option', { text: t(key, { n: formatNumber(q.nr), text: short(q.text) }), attrs: { value: q.id } });
    }),
  );
  if (view.questions.some((q) => q.id === keep)) ui.question.value = keep;
}

function renderCount() {
  const n = chars(ui.text.value);
  ui.count.textContent = t('leader.count', { n: formatNumber(n), max: formatNumber(view.max_chars) });
  ui.count.classList.toggle('is-over', n > view.max_chars);
}

/** The chosen question's full text and its summary (or what was being typed). */
function fillText() {
  const q = questionOf(ui.question.value);
  ui.questionText.textContent = q ? q.text : '';
  ui.text.value = drafts.get(ui.question.value) ?? noteOn(ui.question.value)?.text ?? '';
  ui.remove.disabled = !noteOn(ui.question.value);
  renderCount();
}

function renderList() {
  const written = view.questions.filter((q) => noteOn(q.id));
  ui.none.hidden = written.length > 0;
  ui.list.replaceChildren(
    ...written.map((q) => {
      const edit = el('button', { class: 'btn btn-small', text: t('leader.edit'), attrs: { type: 'button', 'aria-label': t('leader.edit_named', { on: named(q) }) } });
      edit.addEventListener('click', () => {
        ui.question.value = q.id;
        fillText();
        ui.text.focus();
      });
      return el('div', { class: 'notes-list__item' }, el('dt', { text: t('leader.option', { n: formatNumber(q.nr), text: short(q.text, 80) }) }), el('dd', {}, el('p', { class: 'notes-list__text', text: noteOn(q.id).text }), edit));
    }),
  );
}

function render() {
  if (!view) return;
  ui.title.textContent = view.title;
  ui.table.textContent = t('leader.table', { table: view.table });
  document.title = `${view.table} – ${t('leader.doc_title')}`;
  if (!view.questions.length) {
    showProblem(t('leader.no_questions'));
    return;
  }
  ui.panel.hidden = false;
  ui.written.hidden = false;
  renderOptions();
  fillText();
  renderList();
}

async function save(text) {
  const qid = ui.question.value;
  const q = questionOf(qid);
  if (!q) return;
  if (chars(text.trim()) > view.max_chars) {
    ui.status.textContent = t('leader.too_long', { max: formatNumber(view.max_chars) });
    ui.text.focus();
    return;
  }
  ui.status.textContent = '';
  try {
    view = (await api(`${base}/notes`, { method: 'PUT', token, body: { question_id: qid, text } })).data;
    drafts.delete(qid);
    render();
    ui.status.textContent = t(text.trim() ? 'leader.saved' : 'leader.removed', { on: named(q) });
  } catch (e) {
    ui.status.textContent = problemText(e);
    ui.text.focus();
  }
}

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  save(ui.text.value);
});
ui.remove.addEventListener('click', () => {
  ui.text.value = '';
  save('');
});
ui.text.addEventListener('input', () => {
  drafts.set(ui.question.value, ui.text.value);
  renderCount();
});
ui.question.addEventListener('change', () => {
  ui.status.textContent = '';
  fillText();
});
onLangChange(render);

// Back on the page after a while (the phone was put away): questions may have been added.
document.addEventListener('visibilitychange', async () => {
  if (document.visibilityState !== 'visible' || !view) return;
  try {
    view = (await api(base, { token })).data;
    render();
  } catch {
    // The page keeps what it has; the next save says what is wrong.
  }
});

async function main() {
  await initI18n();
  if (!token) {
    showProblem(t('leader.bad_link'));
    return;
  }
  try {
    view = (await api(base, { token })).data;
  } catch (e) {
    showProblem(problemText(e));
    return;
  }
  await useSessionLang(view.language);
  render();
  markReady();
}

main();

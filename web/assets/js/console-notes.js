// The secretary's notes (secretary and facilitator): a short summary per question or theme,
// written here and printed first under that question or theme in every report. Walls and
// phones never see them. Loaded once the console has caught up, then kept up to date from
// the `note_written` events this console receives (the secretary's own and others'). The
// tables' discussion leaders' summaries (written on their own page, leader.js) are listed
// below, to read: they are the leaders' words, printed under the question after the note.

import { errorText } from './api.js';
import { $, el } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { numbered } from './session-apply.js';

/** The longest note the server takes (src/domain/limits.rs MAX_NOTE_CHARS). */
const MAX_CHARS = 1000;

/** @param {object} ctx  store, call(method, path, body) */
export function createNotes(ctx) {
  const ui = {
    form: $('#note-form'),
    target: $('#note-target'),
    text: $('#note-text'),
    count: $('#note-count'),
    remove: $('#note-remove'),
    status: $('#note-status'),
    list: $('#notes-list'),
    none: $('#notes-none'),
    tableList: $('#table-notes-list'),
    tableNone: $('#table-notes-none'),
  };
  /** Notes by target key: `q:q1` or `t:t3`. */
  const notes = new Map();
  /** The discussion leaders' summaries by question and table. */
  const tableNotes = new Map();
  const tableKey = (n) => JSON.stringify([n.question_id, n.table]);
  // The text being written is not overwritten by a note coming in from elsewhere.
  let dirty = false;

  const keyOf = (n) => (n.theme_id ? `t:${n.theme_id}` : `q:${n.question_id}`);
  const say = (text) => {
    ui.status.textContent = text;
  };
  const chars = (s) => [...s].length;

  /** What a target is called: "Fråga 2: …" or "Tema: Trygghet (fråga 2)". */
  function label(key) {
    const s = ctx.store?.session;
    const [kind, id] = [key.slice(0, 1), key.slice(2)];
    const nums = numbered(s || { questions: [] });
    const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
    if (kind === 'q') {
      const hit = nums.find(({ q }) => q.id === id);
      return hit ? t('fac.question_option', { n: hit.n, text: short(hit.q.text) }) : id;
    }
    const theme = (s?.themes || []).find((x) => x.id === id);
    if (!theme) return id;
    const n = nums.find(({ q }) => q.id === theme.question_id)?.n;
    return n ? t('notes.theme_of', { name: theme.name, n }) : t('notes.theme', { name: theme.name });
  }

  function renderTargets() {
    const s = ctx.store?.session;
    if (!s) return;
    const keep = ui.target.value;
    const questions = numbered(s).map(({ q }) => `q:${q.id}`);
    const themes = (s.themes || []).map((x) => `t:${x.id}`);
    const group = (name, keys) =>
      el('optgroup', { attrs: { label: name } }, ...keys.map((k) => el('option', { text: label(k), attrs: { value: k } })));
    const groups = [group(t('notes.questions'), questions)];
    if (themes.length) groups.push(group(t('notes.themes'), themes));
    ui.target.replaceChildren(...groups);
    const all = [...questions, ...themes];
    ui.target.value = all.includes(keep) ? keep : all[0] || '';
  }

  function renderCount() {
    const n = chars(ui.text.value);
    ui.count.textContent = t('notes.count', { n: formatNumber(n), max: formatNumber(MAX_CHARS) });
    ui.count.classList.toggle('is-over', n > MAX_CHARS);
  }

  function fillText() {
    if (dirty) return;
    ui.text.value = notes.get(ui.target.value)?.text || '';
    ui.remove.disabled = !notes.has(ui.target.value);
    renderCount();
  }

  function renderList() {
    const keys = [...notes.keys()];
    ui.none.hidden = keys.length > 0;
    ui.list.replaceChildren(
      ...keys.map((k) => {
        const edit = el('button', { class: 'btn btn-small', text: t('notes.edit'), attrs: { type: 'button', 'aria-label': t('notes.edit_named', { on: label(k) }) } });
        edit.addEventListener('click', () => {
          dirty = false;
          ui.target.value = k;
          fillText();
          ui.text.focus();
        });
        return el('div', { class: 'notes-list__item' }, el('dt', { text: label(k) }), el('dd', {}, el('p', { class: 'notes-list__text', text: notes.get(k).text }), edit));
      }),
    );
  }

  /** The leaders' summaries, question by question in the plan's order, tables in theirs. */
  function renderTableNotes() {
    const s = ctx.store?.session;
    const order = new Map(numbered(s || { questions: [] }).map(({ q }, i) => [q.id, i]));
    const tables = s?.tables || [];
    const place = (n) => [order.get(n.question_id) ?? 1e9, tables.includes(n.table) ? tables.indexOf(n.table) : 1e9];
    const all = [...tableNotes.values()].sort((a, b) => {
      const [x, y] = [place(a), place(b)];
      return x[0] - y[0] || x[1] - y[1] || a.table.localeCompare(b.table);
    });
    ui.tableNone.hidden = all.length > 0;
    ui.tableList.replaceChildren(
      ...all.map((n) =>
        el('div', { class: 'notes-list__item' }, el('dt', { text: t('leader.console_on', { on: label(`q:${n.question_id}`), table: n.table }) }), el('dd', {}, el('p', { class: 'notes-list__text', text: n.text }))),
      ),
    );
  }

  function render() {
    renderTargets();
    fillText();
    renderList();
    renderTableNotes();
  }

  function set(list) {
    notes.clear();
    tableNotes.clear();
    for (const n of list || []) {
      if (n.table) tableNotes.set(tableKey(n), n);
      else notes.set(keyOf(n), n);
    }
    render();
  }

  async function load() {
    try {
      set(await ctx.call('GET', '/notes'));
    } catch (e) {
      say(errorText(e));
    }
  }

  /** A `note_written` event: last write wins, an empty text takes the note away. */
  function event(ev) {
    if (ev.table) {
      if (ev.text) tableNotes.set(tableKey(ev), { question_id: ev.question_id, table: ev.table, text: ev.text, at: ev.at });
      else tableNotes.delete(tableKey(ev));
      renderTableNotes();
      return;
    }
    const k = keyOf(ev);
    if (ev.text) notes.set(k, { question_id: ev.question_id, theme_id: ev.theme_id, text: ev.text, at: ev.at });
    else notes.delete(k);
    if (k === ui.target.value && !dirty) fillText();
    ui.remove.disabled = !notes.has(ui.target.value);
    renderList();
  }

  async function save(text) {
    const k = ui.target.value;
    if (!k) return;
    const body = k.startsWith('t:') ? { theme_id: k.slice(2), text } : { question_id: k.slice(2), text };
    say('');
    try {
      const list = await ctx.call('PUT', '/notes', body);
      dirty = false;
      set(list);
      const done = text.trim() ? t('notes.saved', { on: label(k) }) : t('notes.removed', { on: label(k) });
      say(done);
    } catch (e) {
      say(errorText(e));
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
    dirty = true;
    renderCount();
  });
  ui.target.addEventListener('change', () => {
    dirty = false;
    fillText();
  });

  return { load, render, event, relabel: render };
}

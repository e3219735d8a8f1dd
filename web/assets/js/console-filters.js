// What the console's card list shows (issue 10): a text search (every word typed, in the text,
// the table or the perspective, any case), one question and one table, or all. With hundreds
// of cards the list uses the page rather than a box of its own; these narrow it down.
// While a filter is on, a status line says how many of the cards it shows.

import { $, fillSelect } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { numbered } from './session-apply.js';

// A table's name is printable text, so this never names a real table.
const NO_TABLE = '\u0001none';
// Typing is searched once it pauses this long, not on every key.
const SEARCH_PAUSE_MS = 150;

const fold = (s) => (s || '').toLocaleLowerCase().normalize('NFC');

/** @param {() => void} changed  draws the list again */
export function createFilters(changed) {
  const ui = {
    search: $('#contrib-search'),
    question: $('#contrib-filter'),
    table: $('#contrib-table'),
    shown: $('#contrib-shown'),
  };
  let words = [];

  const active = () => Boolean(words.length || ui.question.value || ui.table.value);

  /** Whether contribution `c` passes every filter. */
  function match(c) {
    if (ui.question.value && c.question_id !== ui.question.value) return false;
    if (ui.table.value === NO_TABLE ? Boolean(c.table) : ui.table.value && c.table !== ui.table.value) return false;
    if (!words.length) return true;
    const hay = fold(`${c.text}\n${c.table || ''}\n${c.perspective || ''}`);
    return words.every((w) => hay.includes(w));
  }

  /** The question and table choices, from the session (and tables only cards still carry). */
  function renderOptions(s, cardTables = []) {
    const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
    const questions = numbered(s).map(({ q, n }) => [q.id, t('fac.question_option', { n, text: short(q.text) })]);
    fillSelect(ui.question, [['', t('fac.all_questions')], ...questions]);
    const tables = [...new Set([...(s.tables || []), ...cardTables])];
    fillSelect(ui.table, [['', t('fac10.all_tables')], ...tables.map((x) => [x, x]), [NO_TABLE, t('fac10.no_table')]]);
  }

  /** Says how many cards the filters let through, while any is on. */
  function renderCount(shown, total) {
    const text = active() ? (shown ? tn('fac10.shown', total, { shown: formatNumber(shown) }) : t('fac10.no_match')) : '';
    if (ui.shown.textContent !== text) ui.shown.textContent = text;
  }

  let pause = 0;
  ui.search.addEventListener('input', () => {
    clearTimeout(pause);
    pause = setTimeout(() => {
      words = fold(ui.search.value).split(/\s+/).filter(Boolean);
      changed();
    }, SEARCH_PAUSE_MS);
  });
  ui.question.addEventListener('change', changed);
  ui.table.addEventListener('change', changed);

  return { match, renderOptions, renderCount, active };
}

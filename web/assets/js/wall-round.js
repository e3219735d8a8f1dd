// The wall's rounds: which questions of the round on show this wall shows (a group's wall,
// ?table=…, only that group's), turning through them one at a time when the session's wall
// layout is "rotate", and the closing view with the count per question.
//
// Turning is motion the room did not ask for, so it is slow (slower still under
// prefers-reduced-motion, and without the fade), it always says which question is shown
// ("2 av 3"), and the wall's pause button stops it (WCAG 2.2.2).

import { el } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { forTable, planOrder, questionNumber, shownQuestions } from './session-apply.js';

/** How long each question of a turning round stays on the wall. */
const TURN_MS = 20000;
const TURN_SLOW_MS = 45000;

/** The round's questions this wall shows: all of them, or those for its table (group). */
export function roundQuestions(s, table) {
  return shownQuestions(s).filter((q) => !table || forTable(q, table));
}

/** @param {() => void} onTurn  called after each turn, to redraw */
export function createRotation(onTurn) {
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
  let turn = 0;
  let timer = 0;
  let running = false;

  function schedule() {
    clearTimeout(timer);
    if (!running) return;
    timer = setTimeout(() => {
      turn += 1;
      onTurn();
      schedule();
    }, reduced.matches ? TURN_SLOW_MS : TURN_MS);
  }

  return {
    /** Which of `n` questions is on show now. */
    index: (n) => (n ? ((turn % n) + n) % n : 0),
    /** Turns on its own (true) or holds still (false). */
    run(on) {
      if (on === running) return;
      running = on;
      schedule();
    },
    /** The next (1) or previous (−1) question now, by hand; the wait starts again. */
    step(by) {
      turn += by;
      onTurn();
      schedule();
    },
    /** A new round starts at its first question. */
    reset() {
      turn = 0;
      schedule();
    },
    get running() {
      return running;
    },
  };
}

/**
 * The closing view: the closing words and how many contributions each question got.
 * @param {{text: HTMLElement, list: HTMLElement}} ui
 * @param {(qid: string) => number} count  visible contributions of a question (on this wall)
 */
export function drawEnded(ui, s, count, table) {
  const questions = planOrder(s)
    .map((id) => s.questions.find((q) => q.id === id))
    .filter((q) => q && (!table || forTable(q, table)));
  ui.text.textContent = s.settings?.closing_text || t('wall8.ended_default');
  ui.list.replaceChildren(
    ...questions.map((q) =>
      el(
        'li',
        { class: 'ended__q', data: { question: q.id } },
        el('span', { class: 'ended__qtext', text: `${formatNumber(questionNumber(s, q.id))}. ${q.text}` }),
        el('strong', { class: 'ended__n', text: tn('wall.question_count', count(q.id)) }),
      ),
    ),
  );
}

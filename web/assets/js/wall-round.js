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

/**
 * What the wall has on stage: the questions shown, how (one, columns, by turns), the one in
 * front, and which cards belong. While paused, the questions on show stay put even if the
 * facilitator moves on.
 * @param {object} get  session(), chosen() (a question picked on the wall, or ''), table(),
 *                      mode() ('question', 'table', 'theme' or 'cloud')
 * @param {() => void} onTurn  called after each turn, to redraw
 */
export function createStage(get, onTurn) {
  const rotation = createRotation(onTurn);
  let held = null; // { ids: the question ids on show, current: the one in front }
  const question = (qid) => get.session()?.questions.find((x) => x.id === qid) || null;

  /** The last round closed and the wall follows the session (no question chosen). */
  const ended = () => Boolean(get.session()?.ended) && !get.chosen();

  /** The questions of the round on show (for this wall's table), or the one chosen. */
  function questions() {
    const s = get.session();
    if (!s) return [];
    if (get.chosen()) return [question(get.chosen())].filter(Boolean);
    if (held) return held.ids.map(question).filter(Boolean);
    return roundQuestions(s, get.table());
  }

  /** 'single', or for several questions at once in the question view 'columns' or 'rotate'. */
  function layout() {
    if (get.mode() !== 'question' || ended() || questions().length < 2) return 'single';
    return get.session().settings?.wall_layout || 'columns';
  }

  /** The question in front: the one turned to, the active one, or the round's first. */
  function frontId() {
    const qs = questions();
    if (layout() === 'rotate') return qs[rotation.index(qs.length)]?.id || null;
    if (held && !get.chosen()) return held.current;
    const active = get.session()?.active_question_id;
    return (qs.some((q) => q.id === active) ? active : qs[0]?.id) || active || null;
  }

  /** The questions whose cards are on screen now. */
  const onScreen = () => (layout() === 'columns' ? questions().map((q) => q.id) : [frontId()]);

  return {
    rotation,
    questions,
    layout,
    ended,
    frontId,
    front: () => question(frontId()),
    /** Whether card `c` belongs on screen now. */
    matches(c) {
      const table = get.table();
      return onScreen().includes(c.question_id) && (!table || c.table === table);
    },
    /** The question whose countdown shows: the one in front, or the round's first with one. */
    timed() {
      const q = question(frontId());
      return q?.timer ? q : questions().find((x) => x.timer) || q;
    },
    /** Pausing holds what is on show; resuming lets it follow the session again. */
    hold(on) {
      held = on ? { ids: questions().map((q) => q.id), current: frontId() } : null;
      rotation.run(layout() === 'rotate' && !on);
    },
    /** "Fråga 2 av 3" when taking turns, else ''. */
    position() {
      if (layout() !== 'rotate') return '';
      const n = questions().length;
      return t('wall8.rotate_pos', { n: formatNumber(rotation.index(n) + 1), of: formatNumber(n) });
    },
  };
}

/** @param {() => void} onTurn  called after each turn, to redraw */
function createRotation(onTurn) {
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

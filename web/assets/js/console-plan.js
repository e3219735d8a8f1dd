// The plan editor, under "Före" in the console: the rounds (dialogpass) in order, each with
// its questions, to retitle, time-box and reorder; questions to fix, to move within and
// between rounds, and to add. Running the meeting (start a round, its countdown, open and
// close questions) is console-rounds.js, under "Under": the plan is made before the room
// fills, the run controls are what the facilitator needs while it talks. Every control is a
// real button or field; lists are updated in place so focus stays where it was.

import { errorText } from './api.js';
import { createQuestionEdits } from './console-questions.js';
import { $, el, placeChildren } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { questionNumber } from './session-apply.js';

/** "Pass 2: Reflektion" (or "Pass 2"): the round's name as phones and exports say it. */
export function roundName(s, r) {
  const n = formatNumber(s.rounds.indexOf(r) + 1);
  return r.title ? t('fac8.round_named', { n, title: r.title }) : t('fac8.round_n', { n });
}

/** @param {object} ctx  store, call(method, path, body), steer() */
export function createPlan(ctx) {
  const ui = { list: $('#plan'), status: $('#plan-status') };
  const status = (text) => {
    ui.status.textContent = text;
  };
  const items = new Map(); // round id → its parts
  const session = () => ctx.store?.session;

  async function run(method, path, body, done) {
    status('');
    try {
      const view = await ctx.call(method, path, body);
      if (view && view.questions) ctx.store.update(view);
      if (done) status(done);
      return true;
    } catch (e) {
      status(errorText(e));
      return false;
    }
  }

  // Question edits say what they did here, beside the plan, not under "Under".
  const edits = createQuestionEdits(Object.assign(Object.create(ctx), { status }), { run, roundName, session });

  /** The plan as PUT /rounds takes it, with `change` applied to a copy of the rounds. */
  function replan(change, done) {
    const rounds = session().rounds.map((r) => ({ id: r.id, title: r.title, duration_secs: r.duration_secs ?? null, question_ids: [...r.question_ids] }));
    if (change(rounds) === false) return Promise.resolve(false);
    return run('PUT', '/rounds', { rounds }, done);
  }

  const button = (data) => el('button', { class: 'btn btn-small', data, attrs: { type: 'button' } });

  // ---- a round -----------------------------------------------------------------------

  function build(rid) {
    const title = el('h4', { class: 'round__title', attrs: { id: `plan-h-${rid}` } });
    const state = el('p', { class: 'round__state' });
    const up = button({ roundAction: 'up', round: rid });
    const down = button({ roundAction: 'down', round: rid });
    const titleInput = el('input', { attrs: { id: `round-title-${rid}`, type: 'text', maxlength: 100, autocomplete: 'off' } });
    const durInput = el('input', { attrs: { id: `round-duration-${rid}`, type: 'number', min: 0, max: 240, step: 'any', inputmode: 'decimal' } });
    const titleLabel = el('label', { attrs: { for: titleInput.id } });
    const durLabel = el('label', { attrs: { for: durInput.id } });
    const save = button({ roundAction: 'save', round: rid });
    const summary = el('summary');
    const edit = el('details', { class: 'round__edit' }, summary, el('div', { class: 'inline-fields' }, el('div', { class: 'field' }, titleLabel, titleInput), el('div', { class: 'field minutes' }, durLabel, durInput), save));
    const questions = el('ol', { class: 'questions', attrs: { 'aria-labelledby': title.id } });
    const li = el('li', { class: 'round', data: { round: rid } }, el('div', { class: 'round__head' }, title, state), el('div', { class: 'actions round__actions' }, up, down), edit, questions);
    li.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (b?.dataset.roundAction) roundAction(rid, b.dataset.roundAction);
      else if (b?.dataset.questionMove) moveQuestion(b.dataset.question, b.dataset.questionMove);
    });
    const parts = { li, title, state, up, down, titleInput, durInput, titleLabel, durLabel, save, summary, edit, questions };
    items.set(rid, parts);
    return parts;
  }

  async function roundAction(rid, action) {
    const s = session();
    const r = s.rounds.find((x) => x.id === rid);
    if (!r) return;
    const name = roundName(s, r);
    const p = items.get(rid);
    if (action === 'up' || action === 'down') {
      const moved = await replan((rounds) => {
        const i = rounds.findIndex((x) => x.id === rid);
        const j = action === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= rounds.length) return false;
        [rounds[i], rounds[j]] = [rounds[j], rounds[i]];
        return true;
      });
      if (!moved) return;
      status(t(`fac8.done_${action}`, { name: roundName(session(), session().rounds.find((x) => x.id === rid)) }));
      // The button pressed may now be disabled (first or last): keep focus in the round.
      const b = action === 'up' ? p.up : p.down;
      (b.disabled ? (action === 'up' ? p.down : p.up) : b).focus();
    } else if (action === 'save') {
      const raw = p.durInput.value.trim().replace(',', '.');
      const minutes = Number(raw);
      if (raw && (!Number.isFinite(minutes) || minutes < 0 || minutes > 240)) {
        status(t('fac4.timer_bad_minutes'));
        p.durInput.focus();
        return;
      }
      const secs = raw && minutes > 0 ? Math.round(minutes * 60) : null;
      await replan((rounds) => {
        const x = rounds.find((y) => y.id === rid);
        x.title = p.titleInput.value.trim();
        x.duration_secs = secs;
      }, t('fac8.done_save', { name }));
    }
  }

  /**
   * Where "up"/"down" takes question `qid`: the next place in its round, or over the edge
   * into the round before or after (never leaving a round empty: the server wants one
   * question in each). Null when it cannot move that way.
   */
  function target(rounds, qid, way) {
    const ri = rounds.findIndex((r) => r.question_ids.includes(qid));
    if (ri < 0) return null;
    const qs = rounds[ri].question_ids;
    const qi = qs.indexOf(qid);
    const j = way === 'up' ? qi - 1 : qi + 1;
    if (j >= 0 && j < qs.length) return { ri, qi, to: ri, at: j };
    const to = way === 'up' ? ri - 1 : ri + 1;
    if (qs.length < 2 || to < 0 || to >= rounds.length) return null;
    return { ri, qi, to, at: way === 'up' ? rounds[to].question_ids.length : 0 };
  }

  async function moveQuestion(qid, way) {
    const n = formatNumber(questionNumber(session(), qid));
    const ok = await replan((rounds) => {
      const m = target(rounds, qid, way);
      if (!m) return false;
      rounds[m.ri].question_ids.splice(m.qi, 1);
      rounds[m.to].question_ids.splice(m.at, 0, qid);
      return true;
    });
    if (!ok) return;
    const s = session();
    const r = s.rounds.find((x) => x.question_ids.includes(qid));
    status(t('plan.question_moved', { n, m: formatNumber(questionNumber(s, qid)), name: r ? roundName(s, r) : '' }));
    // The question may have changed rounds: find its button again, or its other one.
    const li = ui.list.querySelector(`li.q[data-question="${CSS.escape(qid)}"]`);
    const b = li?.querySelector(`[data-question-move="${way}"]`);
    (b && !b.disabled ? b : li?.querySelector('[data-question-move]:not([disabled])'))?.focus();
  }

  function updateRound(p, s, r, i) {
    const name = roundName(s, r);
    p.title.textContent = name;
    const bits = [tn('fac8.question_count', r.question_ids.length)];
    if (r.duration_secs) bits.push(' · ', t('fac4.planned', { min: formatNumber(Math.round((r.duration_secs / 60) * 10) / 10) }));
    p.state.replaceChildren(...bits);
    p.up.textContent = t('fac8.move_up');
    p.down.textContent = t('fac8.move_down');
    p.up.setAttribute('aria-label', t('fac8.move_up_named', { name }));
    p.down.setAttribute('aria-label', t('fac8.move_down_named', { name }));
    const focused = document.activeElement;
    p.up.disabled = i === 0;
    p.down.disabled = i === s.rounds.length - 1;
    // A button that just became disabled drops focus to the page: keep it in this round.
    if ((focused === p.up && p.up.disabled) || (focused === p.down && p.down.disabled)) (p.up.disabled ? p.down : p.up).focus();
    p.summary.textContent = t('fac8.edit_round');
    p.summary.setAttribute('aria-label', t('fac8.edit_round_named', { name }));
    p.titleLabel.textContent = t('fac8.round_title');
    p.durLabel.textContent = t('fac8.round_minutes');
    // What is being typed in an open edit box is not overwritten by the plan.
    if (!p.edit.open) {
      p.titleInput.value = r.title;
      p.durInput.value = r.duration_secs ? String(Math.round((r.duration_secs / 60) * 100) / 100) : '';
    }
    p.save.textContent = t('fac8.save_round');
  }

  // ---- a question in the plan --------------------------------------------------------

  function buildQuestion(q) {
    const li = el('li', { class: 'q', data: { question: q.id } });
    const up = button({ questionMove: 'up', question: q.id });
    const down = button({ questionMove: 'down', question: q.id });
    li.append(el('p', { class: 'q__text' }, el('span', { class: 'q__num' }), ' ', el('span', { class: 'q__words' })), el('p', { class: 'q__state' }), el('div', { class: 'actions q__actions' }, up, down));
    edits.build(li, q);
    return li;
  }

  function updateQuestion(li, s, q) {
    const n = questionNumber(s, q.id);
    li.querySelector('.q__num').textContent = `${formatNumber(n)}.`;
    li.querySelector('.q__words').textContent = q.text;
    li.querySelector('.q__state').textContent = q.tables?.length ? t('plan.for_tables', { tables: q.tables.join(', ') }) : t('plan.all_tables');
    const rounds = s.rounds.map((r) => ({ question_ids: r.question_ids }));
    const focused = document.activeElement;
    for (const b of li.querySelectorAll('[data-question-move]')) {
      const way = b.dataset.questionMove;
      b.textContent = t(`fac8.move_${way}`);
      b.setAttribute('aria-label', t(`plan.move_${way}_named`, { n: formatNumber(n) }));
      b.disabled = !target(rounds, q.id, way);
    }
    if (focused?.dataset?.questionMove && focused.disabled && li.contains(focused)) li.querySelector('[data-question-move]:not([disabled])')?.focus();
    edits.update(li, q, n);
  }

  // ---- the whole plan ----------------------------------------------------------------

  const questionItems = new Map(); // question id → its li (it may move between rounds)

  function render() {
    const s = session();
    if (!s || !ctx.steer()) return;
    const lis = s.rounds.map((r, i) => {
      const p = items.get(r.id) || build(r.id);
      updateRound(p, s, r, i);
      const qlis = r.question_ids
        .map((id) => s.questions.find((q) => q.id === id))
        .filter(Boolean)
        .map((q) => {
          const li = questionItems.get(q.id) || buildQuestion(q);
          questionItems.set(q.id, li);
          updateQuestion(li, s, q);
          return li;
        });
      if (qlis.length !== p.questions.children.length || qlis.some((li, k) => p.questions.children[k] !== li)) placeChildren(p.questions, qlis);
      return p.li;
    });
    // Reordered around the round holding focus, so a moved round keeps its button focused.
    if (lis.length !== ui.list.children.length || lis.some((li, i) => ui.list.children[i] !== li)) placeChildren(ui.list, lis);
    for (const [rid, p] of items) if (!p.li.isConnected) items.delete(rid);
    for (const [qid, li] of questionItems) if (!li.isConnected) questionItems.delete(qid);
    edits.renderAdd(s);
  }

  // "Change the plan" under "Under" leads here: focus to the heading, the URL's fragment
  // (the page's key) left alone, as the phase links do.
  $('#to-plan')?.addEventListener('click', (e) => {
    e.preventDefault();
    $('#plan-panel').scrollIntoView({ block: 'start' });
    $('#plan-heading').focus({ preventScroll: true });
  });

  return { render };
}

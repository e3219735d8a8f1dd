// Running the rounds, under "Under" in the console: the rounds (dialogpass) in order, each
// with its questions. The facilitator starts a round or moves on to the next ("Nästa pass"
// closes the round on show, stops its countdown and starts the next; after the last one the
// phones say thank you), runs a round's one countdown, and opens, closes and shows questions
// (questions.js). Editing the plan (titles, times, order, question texts, new questions) is
// console-plan.js, under "Före". Every control is a real button or field (keyboard and mouse
// alike); lists are updated in place so focus stays where it was.

import { errorText } from './api.js';
import { roundName } from './console-plan.js';
import { $, el, placeChildren } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { clock, confirmRestart, remaining } from './console-timer.js';
import { currentRound, questionNumber } from './session-apply.js';
import { renderQuestions } from './questions.js';

const TIMER_ACTIONS = ['start', 'pause', 'resume', 'extend', 'stop'];

/** @param {object} ctx  store, call(method, path, body), steer(), status(text), announce(text) */
export function createRounds(ctx) {
  const ui = {
    list: $('#rounds'),
    now: $('#round-now'),
    next: $('#round-next'),
    auto: $('#round-autoclose'),
  };
  const items = new Map(); // round id → its parts

  const session = () => ctx.store?.session;

  async function run(method, path, body, done) {
    ctx.status('');
    try {
      const view = await ctx.call(method, path, body);
      if (view && view.questions) ctx.store.update(view);
      if (done) ctx.status(done);
      return true;
    } catch (e) {
      ctx.status(errorText(e));
      return false;
    }
  }

  // ---- a round's own controls --------------------------------------------------------

  function build(rid) {
    const b = (cls, data, key) => el('button', { class: `btn btn-small ${cls}`, data, attrs: { type: 'button' }, i18n: key });
    const title = el('h4', { class: 'round__title', attrs: { id: `round-h-${rid}` } });
    const state = el('p', { class: 'round__state' });
    const start = b('btn-primary', { roundAction: 'start', round: rid });
    const actions = el('div', { class: 'actions round__actions steer-only' }, start);
    const time = el('span', { class: 'timer__time', attrs: { id: `round-timer-${rid}`, role: 'timer' } });
    const timerState = el('span', { class: 'timer__state' });
    const timerLabel = el('span', { class: 'timer__label' });
    const minutes = el('input', { attrs: { id: `round-minutes-${rid}`, type: 'number', min: 1, max: 240, step: 'any', inputmode: 'decimal' } });
    const minutesLabel = el('label', { attrs: { for: `round-minutes-${rid}` } });
    const timerButtons = {};
    const buttonRow = el('div', { class: 'actions q__timer-actions' });
    for (const a of TIMER_ACTIONS) {
      timerButtons[a] = b(a === 'start' ? 'btn-primary' : '', { roundTimer: a, round: rid });
      buttonRow.append(timerButtons[a]);
    }
    const timer = el(
      'div',
      { class: 'q__timer round__timer' },
      el('p', { class: 'timer' }, timerLabel, ' ', time, ' ', timerState),
      el('div', { class: 'inline-fields q__timer-fields steer-only' }, el('div', { class: 'field minutes' }, minutesLabel, minutes)),
      el('div', { class: 'steer-only' }, buttonRow),
    );
    const questions = el('ol', { class: 'questions', attrs: { 'aria-labelledby': title.id } });
    const li = el('li', { class: 'round', data: { round: rid } }, el('div', { class: 'round__head' }, title, state), actions, timer, questions);
    const parts = { li, title, state, start, time, timerState, timerLabel, minutes, minutesLabel, timerButtons, timer, questions };
    li.addEventListener('click', (e) => {
      const btn = e.target.closest('button');
      if (!btn) return;
      if (btn.dataset.roundAction) roundAction(rid, btn.dataset.roundAction);
      else if (btn.dataset.roundTimer) timerAction(rid, btn.dataset.roundTimer);
    });
    items.set(rid, parts);
    return parts;
  }

  async function roundAction(rid, action) {
    const s = session();
    const r = s.rounds.find((x) => x.id === rid);
    if (!r) return;
    const name = roundName(s, r);
    if (action === 'start') {
      await run('POST', `/rounds/${encodeURIComponent(rid)}/start`, { auto_close: ui.auto.checked }, t('fac8.done_start', { name }));
    }
  }

  async function timerAction(rid, action) {
    const p = items.get(rid);
    const r = session().rounds.find((x) => x.id === rid);
    const body = { action };
    if (action === 'start') {
      const s = session();
      const timer = r?.question_ids.map((id) => s.questions.find((q) => q.id === id)).find((q) => q?.timer)?.timer;
      if (!confirmRestart(timer, ctx.store.now(), (time) => t('fac10.restart_round', { name: roundName(s, r), time }))) {
        ctx.status(t('fac10.restart_kept'));
        return;
      }
      const raw = p.minutes.value.trim().replace(',', '.');
      const minutes = Number(raw);
      if (raw && (!Number.isFinite(minutes) || minutes <= 0 || minutes > 240)) {
        ctx.status(t('fac4.timer_bad_minutes'));
        p.minutes.focus();
        return;
      }
      if (raw) body.duration_secs = Math.round(minutes * 60);
      else if (!r?.duration_secs) {
        ctx.status(t('fac8.timer_need_minutes'));
        p.minutes.focus();
        return;
      }
      body.auto_close = ui.auto.checked;
    }
    if (action === 'extend') body.seconds = 60;
    await run('POST', `/rounds/${encodeURIComponent(rid)}/timer`, body, t(`fac8.timer_done_${action}`, { name: roundName(session(), r) }));
  }

  /** The round's countdown: its questions share one, so the first one's stands for all. */
  function paintTimer(p, s, r) {
    const timed = r.question_ids.map((id) => s.questions.find((q) => q.id === id)).find((q) => q?.timer);
    const timer = timed?.timer || null;
    const left = remaining(timer, ctx.store.now());
    p.time.textContent = timer ? clock(left) : r.duration_secs ? clock(r.duration_secs * 1000) : '–';
    let key = 'fac4.timer_idle';
    if (timer?.running) key = 'fac4.timer_running';
    else if (timer && left > 0) key = 'fac4.timer_paused';
    else if (timer) key = 'fac4.timer_over';
    p.timerState.textContent = t(key);
    p.li.classList.toggle('round--timing', Boolean(timer?.running));
    return { timer, left };
  }

  function update(p, s, r) {
    const current = !s.ended && currentRound(s)?.id === r.id;
    const name = roundName(s, r);
    const qs = r.question_ids.map((id) => s.questions.find((q) => q.id === id)).filter(Boolean);
    const multi = qs.length > 1;
    if (current) p.li.setAttribute('aria-current', 'true');
    else p.li.removeAttribute('aria-current');
    p.li.classList.toggle('round--current', current);
    p.title.textContent = name;
    const bits = [];
    if (current) bits.push(el('span', { class: 'badge badge--active', text: t(s.show_single && multi ? 'fac8.badge_current_one' : 'fac8.badge_current') }), ' ');
    else if (qs.length && qs.every((q) => q.state === 'closed')) bits.push(el('span', { class: 'badge badge--closed', text: t('fac8.badge_done') }), ' ');
    bits.push(tn('fac8.question_count', qs.length));
    if (r.duration_secs) bits.push(' · ', t('fac4.planned', { min: formatNumber(Math.round((r.duration_secs / 60) * 10) / 10) }));
    p.state.replaceChildren(...bits);
    // Started again while on show, a round shows all its questions (after one shown alone).
    // A new session shows its first round before anyone starts it: "start" then starts its
    // countdown too.
    const counting = qs.some((q) => q.timer);
    let startKey = 'fac8.start_round';
    let startable = true;
    if (current && s.show_single && multi) startKey = 'fac8.show_round';
    else if (current && qs.some((q) => q.state === 'closed')) startKey = 'fac8.restart_round';
    // On show with every question open (and its countdown going): nothing left to start.
    else if (current) startable = Boolean(r.duration_secs) && !counting;
    p.start.textContent = t(startKey);
    p.start.setAttribute('aria-label', t(`${startKey}_named`, { name }));
    const startHadFocus = document.activeElement === p.start;
    p.start.disabled = !startable;
    // A start button that just became disabled drops focus to the page: keep it on the bar.
    if (startHadFocus && p.start.disabled) ui.now.focus();
    // One countdown for a round of several questions; a round of one uses its question's.
    p.timer.hidden = !multi;
    p.timerLabel.textContent = t('fac8.round_timer');
    p.minutesLabel.textContent = t('fac4.timer_minutes');
    if (!p.minutes.value && r.duration_secs) p.minutes.value = String(Math.round((r.duration_secs / 60) * 100) / 100);
    const { timer, left } = paintTimer(p, s, r);
    const show = { start: true, pause: Boolean(timer?.running), resume: Boolean(timer && !timer.running && left > 0), extend: Boolean(timer), stop: Boolean(timer) };
    const had = Object.values(p.timerButtons).find((b) => b === document.activeElement);
    for (const a of TIMER_ACTIONS) {
      const b = p.timerButtons[a];
      b.textContent = t(`fac4.timer_${a}`);
      b.setAttribute('aria-label', t(`fac8.timer_${a}_named`, { name }));
      b.hidden = a === 'pause' || a === 'resume' ? !show[a] : false;
      b.disabled = !show[a];
    }
    if (had && (had.hidden || had.disabled)) (had === p.timerButtons.pause ? p.timerButtons.resume : had === p.timerButtons.resume ? p.timerButtons.pause : p.timerButtons.start).focus();
    return qs;
  }

  // ---- every round ------------------------------------------------------------------

  /** Draws the rounds; `questions` is renderQuestions' options (steer, counts, act, extra). */
  function render(options) {
    const s = session();
    if (!s) return;
    const known = new Map([...ui.list.querySelectorAll('li.q')].map((li) => [li.dataset.question, li]));
    const lis = s.rounds.map((r) => {
      const p = items.get(r.id) || build(r.id);
      const qs = update(p, s, r);
      renderQuestions(p.questions, s, { ...options, questions: qs, number: (q) => questionNumber(s, q.id), items: known });
      return p.li;
    });
    // Reordered around the round holding focus, so a moved round keeps its button focused.
    if (lis.length !== ui.list.children.length || lis.some((li, i) => ui.list.children[i] !== li)) placeChildren(ui.list, lis);
    for (const [rid, p] of items) if (!p.li.isConnected) items.delete(rid);
    renderBar(s);
  }

  function renderBar(s) {
    const cur = s.ended ? null : currentRound(s);
    const at = cur ? s.rounds.indexOf(cur) : -1;
    ui.now.textContent = s.ended ? t('fac8.now_ended') : cur ? t('fac8.now', { name: roundName(s, cur) }) : t('fac8.now_none');
    const following = s.rounds[at + 1];
    const had = document.activeElement === ui.next;
    ui.next.hidden = s.ended || !s.rounds.length;
    // After the last round the button goes away: focus stays on what replaced it.
    if (had && ui.next.hidden) ui.now.focus();
    ui.next.textContent = following ? t('fac8.next', { name: roundName(s, following) }) : t('fac8.end');
  }

  ui.next.addEventListener('click', async () => {
    const s = session();
    const cur = currentRound(s);
    const following = s.rounds[(cur ? s.rounds.indexOf(cur) : -1) + 1];
    await run('POST', '/rounds/next', { auto_close: ui.auto.checked }, following ? t('fac8.done_next', { name: roundName(s, following) }) : t('fac8.done_end'));
  });

  // The round countdowns tick between events.
  setInterval(() => {
    const s = session();
    if (!s) return;
    for (const r of s.rounds) {
      const p = items.get(r.id);
      if (p && !p.timer.hidden && p.li.classList.contains('round--timing')) paintTimer(p, s, r);
    }
  }, 250);

  return { render };
}

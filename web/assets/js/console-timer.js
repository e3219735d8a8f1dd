// Time boxes in the console's list of questions: each question shows its planned time and its
// countdown, and (for the facilitator) start with the plan or a typed number of minutes,
// optionally closing the question at zero; pause/resume, one more minute, stop. The countdown
// follows the server's clock (hello.now), so it agrees with the wall and the phones.

import { errorText } from './api.js';
import { el } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { roundOf } from './session-apply.js';

const ACTIONS = ['start', 'pause', 'resume', 'extend', 'stop'];

/** "14:05", or "1:02:03" for an hour or more. */
export function clock(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/**
 * Whether starting would cut short a countdown still counting (running, or paused with time
 * left): then the facilitator is asked first, with the time it has left (issue 10).
 * @returns {boolean} whether to go on
 */
export function confirmRestart(timer, now, words) {
  const left = remaining(timer, now);
  if (!timer || (!timer.running && left <= 0)) return true;
  return window.confirm(words(clock(left)));
}

/** Milliseconds left on a timer, by the server's clock `now`. */
export function remaining(timer, now) {
  if (!timer) return 0;
  if (timer.running && timer.ends_at) return Math.max(0, Date.parse(timer.ends_at) - now);
  return timer.remaining_ms || 0;
}

/** @param {object} ctx  store, call(method, path, body), announce(text), steer(), status(text) */
export function createTimers(ctx) {
  const rows = new Map();

  async function control(qid, action, n) {
    const row = rows.get(qid);
    const body = { action };
    if (action === 'start') {
      const timer = ctx.store.question(qid)?.timer;
      if (!confirmRestart(timer, ctx.store.now(), (time) => t('fac10.restart_question', { n: formatNumber(n), time }))) {
        ctx.status(t('fac10.restart_kept'));
        return;
      }
      const raw = row.minutes.value.trim().replace(',', '.');
      const minutes = Number(raw);
      if (raw && (!Number.isFinite(minutes) || minutes <= 0 || minutes > 240)) {
        ctx.status(t('fac4.timer_bad_minutes'));
        row.minutes.focus();
        return;
      }
      if (raw) body.duration_secs = Math.round(minutes * 60);
      else if (!ctx.store.question(qid)?.duration_secs) {
        ctx.status(t('fac4.timer_need_minutes', { n: formatNumber(n) }));
        row.minutes.focus();
        return;
      }
      body.auto_close = row.auto.checked;
    }
    if (action === 'extend') body.seconds = 60;
    try {
      await ctx.call('POST', `/questions/${encodeURIComponent(qid)}/timer`, body);
      ctx.status(t(`fac4.timer_done_${action}`, { n: formatNumber(n) }));
    } catch (e) {
      ctx.status(errorText(e));
    }
  }

  /** Adds the timer row to a question's item (called once per item). */
  function build(li, q, n) {
    const qid = q.id;
    const minutesId = `minutes-${qid}`;
    const autoId = `autoclose-${qid}`;
    const time = el('span', { class: 'timer__time', attrs: { id: `timer-${qid}`, role: 'timer' } });
    const state = el('span', { class: 'timer__state' });
    const box = el('div', { class: 'q__timer' }, el('p', { class: 'timer' }, el('span', { class: 'timer__label' }), ' ', time, ' ', state));
    const row = { li, box, time, state, n, buttons: {} };
    if (ctx.steer()) {
      row.minutes = el('input', { attrs: { id: minutesId, type: 'number', min: 1, max: 240, step: 'any', inputmode: 'decimal' } });
      if (q.duration_secs) row.minutes.value = String(Math.round((q.duration_secs / 60) * 100) / 100);
      row.auto = el('input', { attrs: { id: autoId, type: 'checkbox' } });
      row.minutesLabel = el('label', { attrs: { for: minutesId } });
      row.autoLabel = el('label', { class: 'check__label', attrs: { for: autoId } });
      const buttons = el('div', { class: 'actions q__timer-actions' });
      for (const action of ACTIONS) {
        const b = el('button', {
          class: action === 'start' ? 'btn btn-small btn-primary' : 'btn btn-small',
          data: { timer: action, question: qid },
          attrs: { type: 'button' },
        });
        b.addEventListener('click', () => control(qid, action, row.n));
        row.buttons[action] = b;
        buttons.append(b);
      }
      box.append(
        el(
          'div',
          { class: 'inline-fields q__timer-fields' },
          el('div', { class: 'field minutes' }, row.minutesLabel, row.minutes),
          el('div', { class: 'field check' }, row.auto, row.autoLabel),
        ),
        buttons,
      );
    }
    rows.set(qid, row);
    li.append(box);
  }

  function paint(row, q) {
    const timer = q.timer;
    const left = remaining(timer, ctx.store.now());
    if (!timer) row.time.textContent = q.duration_secs ? clock(q.duration_secs * 1000) : '–';
    else row.time.textContent = clock(left);
    let key = 'fac4.timer_idle';
    if (timer?.running) key = 'fac4.timer_running';
    else if (timer && left > 0) key = 'fac4.timer_paused';
    else if (timer) key = 'fac4.timer_over';
    row.state.textContent = t(key);
    row.li.classList.toggle('q--timing', Boolean(timer?.running));
    return { timer, left };
  }

  /** Brings a question's timer row up to date (labels, which buttons apply). */
  function update(li, q, n) {
    const row = rows.get(q.id);
    if (!row) return;
    row.n = n;
    // A round of several questions has one countdown, on the round (console-rounds.js).
    row.box.hidden = (roundOf(ctx.store.session, q.id)?.question_ids.length || 0) > 1;
    li.querySelector('.timer__label').textContent = t('fac4.timer_label');
    const { timer, left } = paint(row, q);
    if (!row.minutes) return;
    row.minutesLabel.textContent = t('fac4.timer_minutes');
    row.autoLabel.textContent = t('fac4.timer_autoclose');
    const show = {
      start: true,
      pause: Boolean(timer?.running),
      resume: Boolean(timer && !timer.running && left > 0),
      extend: Boolean(timer),
      stop: Boolean(timer),
    };
    const focused = Object.values(row.buttons).find((b) => b === document.activeElement);
    for (const action of ACTIONS) {
      const b = row.buttons[action];
      b.textContent = t(`fac4.timer_${action}`);
      b.setAttribute('aria-label', t(`fac4.timer_${action}_named`, { n: formatNumber(n) }));
      b.hidden = action === 'pause' || action === 'resume' ? !show[action] : false;
      b.disabled = !show[action];
    }
    // Pause and resume take each other's place: keep focus on the one now shown.
    if (focused && (focused.hidden || focused.disabled)) {
      const swap = { pause: 'resume', resume: 'pause' }[focused.dataset.timer];
      const next = swap && !row.buttons[swap].hidden ? row.buttons[swap] : row.buttons.start;
      next.focus();
    }
  }

  setInterval(() => {
    const s = ctx.store?.session;
    if (!s) return;
    for (const q of s.questions) {
      const row = rows.get(q.id);
      if (row && q.timer?.running) paint(row, q);
    }
  }, 250);

  return { build, update };
}

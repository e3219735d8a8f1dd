// A question's countdown, shown on the wall and on the phones. The server sends `ends_at` and
// its own clock (hello.now); counting down to `ends_at − offset` keeps every screen in step
// whatever the device's clock says. Screen readers hear it three times only: when it starts,
// at one minute left and at zero (never every second).

import { t } from './i18n.js';

const MINUTE = 60000;

/** "15:00", "0:59", "1:02:03": whole seconds, rounded up so zero means zero. */
export function clock(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * @param {{root: HTMLElement, time: HTMLElement, label: HTMLElement, announce: HTMLElement,
 *          keys: string}} ui  keys: the i18n prefix (e.g. "wall4") for countdown_* strings
 */
export function createCountdown({ root, time, label, announce, keys }) {
  let offset = 0;
  let timer = null;
  let timeout = 0;
  let saidMinute = false;
  let saidDone = false;

  const remaining = () => {
    if (!timer) return 0;
    if (!timer.running || !timer.ends_at) return timer.remaining_ms || 0;
    return Date.parse(timer.ends_at) - (Date.now() + offset);
  };

  const say = (key, vars) => {
    announce.textContent = t(`${keys}.${key}`, vars);
  };

  function paint() {
    clearTimeout(timeout);
    root.hidden = !timer;
    if (!timer) return;
    const left = remaining();
    const state = left <= 0 ? 'done' : timer.running ? 'running' : 'paused';
    root.dataset.state = state;
    root.classList.toggle('countdown--last-minute', state === 'running' && left <= MINUTE);
    label.textContent = t(`${keys}.countdown_${state === 'paused' ? 'paused' : 'left'}`);
    time.textContent = state === 'done' ? t(`${keys}.countdown_done`) : clock(left);
    label.hidden = state === 'done';
    if (state === 'running' && left <= MINUTE && !saidMinute) {
      saidMinute = true;
      // Someone who loads the page with 20 s left needs no "one minute" message.
      if (left > MINUTE - 5000) say('countdown_one_minute');
    }
    if (state === 'done' && !saidDone) {
      saidDone = true;
      say('countdown_done');
    }
    if (state === 'running') {
      // Wake just after the next whole second, so the display never skips or stalls.
      timeout = setTimeout(paint, (left % 1000 || 1000) + 15);
    }
  }

  return {
    /** offset = server time − this device's time, in ms. */
    setOffset(ms) {
      offset = Number.isFinite(ms) ? ms : 0;
      paint();
    },
    /**
     * Shows `next` (null hides). `started`: the facilitator just started it (announced);
     * `live`: a change happening now (not a page load or a switch of question).
     * Extended beyond a minute or restarted, the minute and zero messages may come again.
     */
    set(next, { started = false, live = false } = {}) {
      timer = next || null;
      const left = remaining();
      if (left > MINUTE) saidMinute = false;
      if (left > 0) saidDone = false;
      if (!timer) {
        saidMinute = false;
        saidDone = false;
      } else if (started && left > 0) {
        saidMinute = left <= MINUTE;
        say('countdown_started', { time: clock(left) });
      } else if (left <= 0 && !live) {
        // Already over when we learnt of it (a reload after zero): nothing to announce.
        saidDone = true;
      }
      paint();
    },
    /** Redraws in the current language. */
    paint,
  };
}

// The bar at the top of the console (issue 10): what runs now (the round, its question or
// questions), its countdown, the join link with its QR code and code, "Öppna storbilden", and
// links to the meeting's phases (before, during, after). It stays at the top while the page
// scrolls, so the room's link and the time left are always one glance away.
//
// The phase links are plain in-page links made to move focus too: the phase's heading takes
// focus, so the keyboard goes on from there. The URL's fragment is left alone: it carries the
// page's key. The link of the phase in view is marked aria-current.

import { $ } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { clock, remaining } from './console-timer.js';
import { currentRound, questionNumber, shownQuestions } from './session-apply.js';

const PHASES = ['before', 'during', 'after'];

/** @param {object} ctx  store (the live session), path (the session's API base) */
export function createBar(ctx) {
  const ui = {
    bar: $('#console-bar'),
    now: $('#bar-now'),
    question: $('#bar-question'),
    timer: $('#bar-timer'),
    time: $('#bar-time'),
    timerState: $('#bar-timer-state'),
    qr: $('#bar-qr'),
    link: $('#bar-join-link'),
    code: $('#bar-code'),
    links: [...document.querySelectorAll('.phase-nav__link')],
  };

  const roundName = (s, r) => {
    const n = formatNumber(s.rounds.indexOf(r) + 1);
    return r.title ? t('fac8.round_named', { n, title: r.title }) : t('fac8.round_n', { n });
  };

  /** The countdown of what is shown: a round's questions share one, so the first one's. */
  function timed(s) {
    return s && !s.ended ? shownQuestions(s).find((q) => q.timer) || null : null;
  }

  function paintTimer() {
    const q = timed(ctx.store?.session);
    ui.timer.hidden = !q;
    if (!q) return;
    const left = remaining(q.timer, ctx.store.now());
    ui.time.textContent = clock(left);
    let key = 'fac4.timer_running';
    if (!q.timer.running) key = left > 0 ? 'fac4.timer_paused' : 'fac4.timer_over';
    ui.timerState.textContent = t(key);
    ui.timer.dataset.running = q.timer.running ? '1' : '0';
  }

  /** What runs now, from the live session; the join link from the session as GET gave it. */
  function render(detail) {
    const s = ctx.store?.session || detail;
    if (!s) return;
    if (detail) {
      const url = detail.links?.join_url || detail.join_url || '';
      ui.link.href = url || '/';
      ui.link.textContent = url;
      ui.code.textContent = s.code || detail.code || '';
      ui.qr.src = `${ctx.path}/qr.svg`;
    }
    const cur = s.ended ? null : currentRound(s);
    ui.now.textContent = s.ended ? t('fac8.done_end') : cur ? t('fac8.now', { name: roundName(s, cur) }) : t('fac8.now_none');
    const shown = s.ended ? [] : shownQuestions(s);
    if (shown.length === 1) {
      const q = shown[0];
      const closed = q.state === 'closed' ? ` (${t('wall.label_closed')})` : '';
      ui.question.textContent = `${t('fac.question_option', { n: formatNumber(questionNumber(s, q.id)), text: q.text })}${closed}`;
    } else {
      ui.question.textContent = shown.length ? tn('fac10.bar_questions', shown.length) : '';
    }
    ui.question.title = ui.question.textContent;
    paintTimer();
  }

  // ---- the phases ----------------------------------------------------------------------

  for (const a of ui.links) {
    a.addEventListener('click', (e) => {
      const section = document.getElementById(`phase-${a.dataset.phase}`);
      if (!section) return;
      e.preventDefault();
      section.scrollIntoView({ block: 'start' });
      section.querySelector('.phase__heading')?.focus({ preventScroll: true });
      markCurrent(a.dataset.phase);
    });
  }

  function markCurrent(phase) {
    for (const a of ui.links) {
      if (a.dataset.phase === phase) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
  }

  /** The phase in view: the last whose top has passed under the bar. */
  function spy() {
    const line = (ui.bar.getBoundingClientRect().bottom || 0) + 24;
    let current = null;
    for (const p of PHASES) {
      const section = document.getElementById(`phase-${p}`);
      if (!section || section.offsetParent === null) continue;
      if (!current || section.getBoundingClientRect().top <= line) current = p;
    }
    // At the very bottom the last phase is the one read, however short it is.
    const last = [...PHASES].reverse().find((p) => document.getElementById(`phase-${p}`)?.offsetParent);
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 4) current = last;
    markCurrent(current);
  }
  let spyQueued = false;
  addEventListener(
    'scroll',
    () => {
      if (spyQueued) return;
      spyQueued = true;
      requestAnimationFrame(() => {
        spyQueued = false;
        spy();
      });
    },
    { passive: true },
  );

  // The page scrolls focus and anchors clear of the bar by its height (scroll-padding-top).
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--console-bar-h', `${Math.ceil(ui.bar.offsetHeight)}px`);
  }).observe(ui.bar);

  // The countdown ticks between events.
  setInterval(() => {
    if (timed(ctx.store?.session)?.timer?.running) paintTimer();
  }, 250);

  return { render, spy };
}

// The phone's questions: every question of the current round (or the active one alone), for
// this phone's table, each with its own text box and send button. A contribution belongs to
// the box it was written in, whatever the room does meanwhile: the question's id is taken
// from the box when it is sent, never from "the active question".
//
// Drafts are kept per question in localStorage. When the facilitator moves on while someone
// is typing, the box stays where it is with its text and says what changed: the draft can
// still be sent while the server takes late contributions (the session's grace period), and
// after that it can be copied. Boxes are built once per question and updated in place, so
// the one being typed in keeps its focus and caret through every change.

import { copyText } from './clipboard.js';
import { el, placeChildren } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { currentRound, forTable, planOrder, questionNumber, shownQuestions } from './session-apply.js';
import { loadLocal, saveLocal } from './storage.js';

const MAX_CHARS = 2000;

/**
 * @param {object} o
 * @param {string} o.code         the join code (drafts are kept per session)
 * @param {() => number} o.now    the server's time now, in ms
 * @param {() => string} o.table  the table this phone chose ('' for none)
 * @param {(q: object, text: string) => string} o.send  queues a contribution to question `q`;
 *                                returns what the status line says (sending or queued)
 * @param {(text: string) => void} o.announce  says something to screen readers, once
 */
export function createAsks({ code, now, table, send, announce }) {
  const ui = {
    list: document.getElementById('asks'),
    round: document.getElementById('round'),
    roundTitle: document.getElementById('round-title'),
    needTable: document.getElementById('need-table'),
    none: document.getElementById('no-question'),
    ended: document.getElementById('ended'),
    endedText: document.getElementById('ended-text'),
  };
  const key = `inspel.drafts.${code}`;
  // Another width or height (a phone turned, a keyboard) may cut a question or stop cutting it.
  addEventListener('resize', () => {
    for (const n of nodes.values()) clamp(n);
  });
  const drafts = loadLocal(key, {}) || {};
  const nodes = new Map();
  // Leftover boxes sent from: shown (closed, with "sent") until the room moves on again.
  const keep = new Set();
  let session = null;
  let shownBefore = null;
  let statesBefore = new Map();
  let graceTimer = 0;
  let spoken = [];
  let endedBefore = false;
  let speakTimer = 0;

  const draft = (qid) => (typeof drafts[qid] === 'string' ? drafts[qid] : '');
  const hasDraft = (qid) => draft(qid).trim().length > 0;
  function setDraft(qid, text) {
    if (text) drafts[qid] = text;
    else delete drafts[qid];
    saveLocal(key, drafts);
  }

  // A draft from before rounds (one box per phone) goes to the question that was active.
  const old = loadLocal(`inspel.draft.${code}`, '');
  let oldDraft = typeof old === 'string' && old.trim() ? old : '';

  const graceEnd = (q) => {
    const closed = Date.parse(q?.closed_at || '');
    return Number.isFinite(closed) ? closed + (session?.settings?.late_grace_secs ?? 120) * 1000 : 0;
  };

  /** open: in the round; moved: open but no longer shown; closed: no draft left; late: closed,
   *  its draft still taken; gone: closed, past the grace period. */
  function stateOf(q, inRound) {
    if (q.state === 'open') return inRound ? 'open' : 'moved';
    if (!hasDraft(q.id)) return 'closed';
    return graceEnd(q) > now() ? 'late' : 'gone';
  }

  function say(qid, text) {
    const n = nodes.get(qid);
    if (!n) return false;
    // Emptied first, so the same words said twice are spoken twice.
    n.status.textContent = '';
    setTimeout(() => {
      n.status.textContent = text;
    }, 30);
    return true;
  }

  function counter(n) {
    n.counter.textContent = t('join.counter', { n: formatNumber(n.text.value.length), max: formatNumber(MAX_CHARS) });
  }

  function submit(qid) {
    const n = nodes.get(qid);
    const q = session?.questions.find((x) => x.id === qid);
    if (!n || !q) return;
    const text = n.text.value.trim();
    if (!text) {
      say(qid, t('join.status_empty'));
      n.text.focus();
      return;
    }
    const state = stateOf(q, n.inRound);
    if (state === 'closed' || state === 'gone') {
      say(qid, t('join.question_closed'));
      return;
    }
    // The question is this box's, taken now: never the one active when the item goes out.
    const status = send(q, text);
    n.text.value = '';
    setDraft(qid, '');
    counter(n);
    if (!n.inRound) keep.add(qid);
    say(qid, status);
    render();
    n.text.focus();
  }

  function build(qid) {
    const ids = { h: `ask-h-${qid}`, text: `text-${qid}`, counter: `counter-${qid}`, notice: `notice-${qid}`, status: `status-${qid}` };
    const num = el('span', { class: 'ask__num' });
    const qtext = el('span', { class: 'ask__qtext' });
    const heading = el('h2', { class: 'ask__q', attrs: { id: ids.h } }, num, qtext);
    // A long question is clamped so its box stays in view; this shows all of it.
    const expand = el('button', { class: 'btn btn-small ask__expand', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': ids.h, hidden: true } });
    const notice = el('p', { class: 'ask__notice', attrs: { id: ids.notice } });
    const text = el('textarea', {
      class: 'ask__text',
      data: { question: qid },
      attrs: { id: ids.text, name: ids.text, rows: 3, maxlength: MAX_CHARS, 'aria-labelledby': ids.h, 'aria-describedby': `${ids.notice} ${ids.counter}` },
    });
    const counterEl = el('span', { class: 'ask__counter', attrs: { id: ids.counter } });
    const status = el('span', { class: 'ask__status', attrs: { id: ids.status, role: 'status' } });
    const sendBtn = el('button', { class: 'btn btn-primary ask__send', data: { question: qid }, attrs: { type: 'submit', id: `send-${qid}` } });
    const copy = el('button', { class: 'btn btn-small', data: { copy: qid }, attrs: { type: 'button' } });
    const discard = el('button', { class: 'btn btn-small', data: { discard: qid }, attrs: { type: 'button' } });
    const more = el('div', { class: 'actions ask__more' }, copy, discard);
    const bar = el('div', { class: 'ask__bar' }, el('p', { class: 'ask__info' }, status, counterEl), sendBtn);
    const form = el('form', { class: 'ask__form', attrs: { novalidate: true } }, heading, expand, notice, text, more, bar);
    const li = el('section', { class: 'ask', data: { question: qid }, attrs: { 'aria-labelledby': ids.h } }, form);
    const n = { li, form, num, qtext, heading, expand, notice, text, counter: counterEl, status, send: sendBtn, copy, discard, more, inRound: true };
    expand.addEventListener('click', () => {
      li.toggleAttribute('data-full');
      clamp(n);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit(qid);
    });
    // Ctrl/Cmd+Enter sends from the keyboard; plain Enter stays a line break.
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    text.addEventListener('input', () => {
      setDraft(qid, text.value);
      counter(n);
    });
    copy.addEventListener('click', async () => {
      const ok = await copyText(text.value);
      say(qid, t(ok ? 'join8.copied' : 'join8.copy_failed'));
    });
    discard.addEventListener('click', () => {
      setDraft(qid, '');
      text.value = '';
      keep.delete(qid);
      announce(t('join8.discarded'));
      render();
      // Focus goes to the next box to write in, or the page's heading.
      (ui.list.querySelector('textarea:not([readonly])') || document.getElementById('title')).focus();
    });
    text.value = draft(qid);
    nodes.set(qid, n);
    return n;
  }

  /** Offers "show the whole question" only when its text is cut (or to cut it again). */
  function clamp(n) {
    const full = n.li.hasAttribute('data-full');
    const cut = full || n.heading.scrollHeight > n.heading.clientHeight + 1;
    n.expand.hidden = !cut;
    n.expand.setAttribute('aria-expanded', String(full));
    n.expand.textContent = t(full ? 'join10.question_less' : 'join10.question_more');
  }

  function paintBox(n, q, inRound, number) {
    n.inRound = inRound;
    const state = stateOf(q, inRound);
    n.li.dataset.state = state;
    n.num.textContent = number ? `${formatNumber(number)}. ` : '';
    n.qtext.textContent = q.text;
    const notice = {
      moved: t('join8.moved'),
      closed: t('join.question_closed'),
      late: `${t('join8.closed_draft')} ${t('join8.late_hint')}`,
      gone: `${t('join8.closed_draft')} ${t('join8.gone_hint')}`,
    }[state];
    n.notice.textContent = notice || '';
    n.notice.hidden = !notice;
    n.notice.className = `ask__notice ${state === 'gone' ? 'notice' : 'ask__notice--calm'}`;
    const writable = state === 'open' || state === 'moved' || state === 'late';
    n.text.readOnly = !writable;
    n.text.placeholder = writable ? t('join8.placeholder') : '';
    n.send.hidden = !writable;
    n.send.textContent = t('join.send');
    n.send.setAttribute('aria-label', `${t('join.send')}: ${q.text.length > 60 ? `${q.text.slice(0, 57)}…` : q.text}`);
    n.more.hidden = state !== 'gone';
    n.copy.textContent = t('join8.copy');
    n.discard.textContent = t('join8.discard');
    counter(n);
    return state;
  }

  function render() {
    clearTimeout(graceTimer);
    if (!session) return;
    const s = session;
    const all = shownQuestions(s);
    const mine = all.filter((q) => forTable(q, table()));
    if (oldDraft && mine[0] && !hasDraft(mine[0].id)) setDraft(mine[0].id, oldDraft);
    if (oldDraft) {
      oldDraft = '';
      saveLocal(`inspel.draft.${code}`, '');
    }
    const shown = s.ended ? [] : mine;
    const inRound = new Set(shown.map((q) => q.id));
    const focused = document.activeElement?.closest?.('section.ask')?.dataset.question;
    const extra = planOrder(s)
      .map((id) => s.questions.find((q) => q.id === id))
      .filter((q) => q && !inRound.has(q.id) && (hasDraft(q.id) || keep.has(q.id) || focused === q.id));
    const list = [...extra, ...shown];
    const numbered = list.length > 1;
    const states = new Map();
    const box = (q) => {
      const n = nodes.get(q.id) || build(q.id);
      states.set(q.id, paintBox(n, q, inRound.has(q.id), numbered ? questionNumber(s, q.id) : 0));
      return n.li;
    };
    // Drafts left behind first (they have little time), then the round under its heading.
    placeChildren(ui.list, [...extra.map(box), ui.round, ...shown.map(box)]);
    for (const id of [...nodes.keys()]) if (!nodes.get(id).li.isConnected) nodes.delete(id);
    for (const n of nodes.values()) clamp(n);

    // The round's heading: its title, or how many questions it holds.
    const round = currentRound(s);
    ui.round.hidden = s.ended || shown.length === 0;
    const count = tn('join8.question_count', shown.length);
    ui.roundTitle.textContent = round?.title ? `${round.title} · ${count}` : shown.length > 1 ? count : t('join.question_label');
    // Questions for groups only show once this phone has chosen its group.
    ui.needTable.hidden = s.ended || Boolean(table()) || !all.some((q) => q.tables?.length);
    ui.none.hidden = s.ended || shown.length > 0 || !ui.needTable.hidden;
    ui.ended.hidden = !s.ended;
    ui.endedText.textContent = s.settings?.closing_text || t('join8.ended_default');
    // The page thanks instead of asking (join.css hides the hints and the pickers).
    document.body.toggleAttribute('data-ended', Boolean(s.ended));
    // The box being typed in may have gone with the end: the thanks take its focus.
    if (s.ended && !endedBefore && (document.activeElement === document.body || !document.activeElement)) {
      document.getElementById('ended-heading').focus();
    }
    endedBefore = Boolean(s.ended);

    speak(s, shown, states);
    // Wake when the first late draft's grace period ends, to offer copying instead.
    const ends = list.filter((q) => states.get(q.id) === 'late').map(graceEnd);
    if (ends.length) graceTimer = setTimeout(render, Math.max(0, Math.min(...ends) - now()) + 100);
  }

  /** Tells screen readers what changed since the last render: new questions, a draft left behind. */
  function speak(s, shown, states) {
    const ids = shown.map((q) => q.id).join(',');
    const parts = [];
    if (shownBefore !== null && ids !== shownBefore) {
      const round = currentRound(s);
      if (s.ended) parts.push(t('join8.ended_heading'));
      else if (round?.title && shown.length > 1) parts.push(t('join8.new_round', { title: round.title }));
      else if (shown.length === 1) parts.push(t('join.new_question', { text: shown[0].text }));
      else if (shown.length) parts.push(tn('join8.new_questions', shown.length));
    }
    for (const [qid, state] of states) {
      const was = statesBefore.get(qid);
      if ((state === 'late' || state === 'gone') && was && was !== state && was !== 'late') parts.unshift(t('join8.closed_draft'));
      else if (state === 'moved' && was === 'open') parts.unshift(t('join8.moved'));
    }
    if (parts.length) {
      // One event after another (closed, closed, round started) is one announcement.
      spoken.push(...parts.filter((p) => !spoken.includes(p)));
      clearTimeout(speakTimer);
      speakTimer = setTimeout(() => {
        announce(spoken.join(' '));
        spoken = [];
      }, 150);
    }
    shownBefore = ids;
    statesBefore = states;
  }

  return {
    /** Shows `s` (the session as it is now). */
    render(s) {
      if (s !== session) keep.clear();
      session = s;
      render();
    },
    /** The room moved on (a round started, a question switched): leftover boxes sent from go. */
    moved() {
      keep.clear();
      render();
    },
    /** Says `text` under the box of question `qid`; false if that box is not on screen. */
    say,
    /** Puts a refused contribution's text back into its own question's draft. */
    putBack(qid, text) {
      const now = draft(qid);
      setDraft(qid, now ? `${now}\n${text}` : text);
      const n = nodes.get(qid);
      if (n) n.text.value = draft(qid);
      render();
      nodes.get(qid)?.text.focus();
    },
    repaint: render,
  };
}

// Moderation: the queue of contributions waiting for review (pre-moderation, or a blocked word
// matched), with approve and hide; the pre-moderation switch; the session's blocked words.
// The queue (under the meeting) is shown, marked, only while it matters: pre-moderation is on
// or something waits (or focus is in it, so a last approval does not drop focus to nowhere).
// Its settings are set up before the meeting.

import { errorText } from './api.js';
import { $, el } from './dom.js';
import { formatNumber, formatTime, t, tn } from './i18n.js';

/** @param {object} ctx  store, call(method, path, body), announce(text), questionNumber(qid) */
export function createModeration(ctx) {
  const ui = {
    panel: $('#moderation-panel'),
    queue: $('#queue'),
    count: $('#queue-count'),
    empty: $('#queue-empty'),
    premod: $('#premoderation'),
    words: $('#blocked-words'),
    save: $('#save-blocked'),
    status: $('#moderation-status'),
  };

  async function moderate(cid, action) {
    try {
      await ctx.call('POST', `/contributions/${encodeURIComponent(cid)}/${action}`);
      ctx.announce(t(`fac4.done_${action}`));
      return true;
    } catch (e) {
      ctx.announce(errorText(e));
      return false;
    }
  }

  function item(c) {
    const textId = `qt-${c.id}`;
    const meta = [t('fac.question_short', { n: ctx.questionNumber(c.question_id) }), c.table, c.perspective, formatTime(c.created_at)]
      .filter(Boolean)
      .join(' · ');
    const approve = el('button', { class: 'btn btn-small btn-primary', text: t('fac4.approve'), data: { mod: 'approve' }, attrs: { type: 'button', 'aria-describedby': textId } });
    const hide = el('button', { class: 'btn btn-small', text: t('fac4.hide'), data: { mod: 'hide' }, attrs: { type: 'button', 'aria-describedby': textId } });
    approve.addEventListener('click', () => moderate(c.id, 'approve'));
    hide.addEventListener('click', () => moderate(c.id, 'hide'));
    return el(
      'li',
      { class: 'contrib contrib--pending', data: { id: c.id } },
      el('p', { class: 'contrib__text', text: c.text, attrs: { id: textId } }),
      el('p', { class: 'contrib__meta', text: meta }),
      c.flagged ? el('p', { class: 'flagged' }, t('fac4.flagged'), ' ', el('mark', { text: c.flagged })) : null,
      el('div', { class: 'contrib__tools' }, approve, hide),
    );
  }

  /** Draws the queue again, keeping focus within it when its item went away. */
  function render() {
    const pending = ctx.store.pending();
    const had = ui.queue.contains(document.activeElement);
    const focusedId = had ? document.activeElement.closest('li')?.dataset.id : null;
    const index = focusedId ? [...ui.queue.children].findIndex((li) => li.dataset.id === focusedId) : -1;
    const existing = new Map([...ui.queue.children].map((li) => [li.dataset.id, li]));
    const lis = pending.map((c) => existing.get(c.id) || item(c));
    const same = lis.length === ui.queue.children.length && lis.every((li, i) => ui.queue.children[i] === li);
    if (!same) ui.queue.replaceChildren(...lis);
    ui.count.textContent = formatNumber(pending.length);
    ui.empty.hidden = pending.length > 0;
    const premod = Boolean(ctx.store.session?.premoderation);
    ui.panel.hidden = !(premod || pending.length > 0 || ui.panel.contains(document.activeElement));
    if (had && !ui.queue.contains(document.activeElement)) {
      const next = lis[Math.min(index, lis.length - 1)];
      (next?.querySelector('button') || ui.empty).focus();
    }
  }

  function renderSettings() {
    ui.premod.checked = Boolean(ctx.store.session?.premoderation);
  }

  async function load() {
    try {
      const s = await ctx.call('GET', '/moderation');
      ui.premod.checked = Boolean(s.premoderation);
      ui.words.value = (s.blocked_words || []).join('\n');
    } catch (e) {
      ui.status.textContent = errorText(e);
    }
  }

  // Focus leaving an empty queue lets it go quiet.
  ui.panel.addEventListener('focusout', (e) => {
    if (!ui.panel.contains(e.relatedTarget)) setTimeout(render, 0);
  });

  ui.premod.addEventListener('change', async () => {
    const want = ui.premod.checked;
    ui.status.textContent = '';
    try {
      const s = await ctx.call('PUT', '/moderation', { premoderation: want });
      ui.premod.checked = s.premoderation;
      if (ctx.store.session) ctx.store.session.premoderation = s.premoderation;
      render();
      ui.status.textContent = t(s.premoderation ? 'fac4.premod_on' : 'fac4.premod_off');
    } catch (e) {
      ui.premod.checked = !want;
      ui.status.textContent = errorText(e);
    }
  });

  ui.save.addEventListener('click', async () => {
    const words = ui.words.value
      .split(/[\n,;]+/)
      .map((w) => w.trim())
      .filter(Boolean);
    ui.status.textContent = '';
    try {
      const s = await ctx.call('PUT', '/moderation', { blocked_words: words });
      ui.words.value = (s.blocked_words || []).join('\n');
      ui.status.textContent = tn('fac4.words_saved', s.blocked_words.length);
    } catch (e) {
      ui.status.textContent = errorText(e);
    }
  });

  return {
    moderate,
    render,
    renderSettings,
    load,
    /** After a language change: the queue's items are built with words in them. */
    relabel() {
      ui.queue.replaceChildren();
      render();
    },
  };
}

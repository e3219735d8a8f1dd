// Dot voting: start a vote on the active question's cards or themes with N dots per phone,
// watch the totals grow as bars (vote_tallied events), close it. The latest vote is shown;
// the exports hold every vote.

import { errorText } from './api.js';
import { $, el } from './dom.js';
import { t, tn } from './i18n.js';

/** @param {object} ctx  store, call(method, path, body), steer(), questionNumber(qid) */
export function createVotes(ctx) {
  const ui = {
    panel: $('#vote-panel'),
    setup: $('#vote-setup'),
    target: $('#vote-target'),
    dots: $('#vote-dots'),
    start: $('#vote-start'),
    status: $('#vote-status'),
    result: $('#vote-result'),
    title: $('#vote-title'),
    summary: $('#vote-summary'),
    bars: $('#vote-bars'),
    close: $('#vote-close'),
    // Shows the result on the wall and the phones, or takes it off again.
    reveal: el('button', { class: 'btn', attrs: { type: 'button', id: 'vote-reveal', 'aria-describedby': 'vote-reveal-note' } }),
    revealNote: el('p', { class: 'hint', attrs: { id: 'vote-reveal-note' } }),
  };
  ui.close.after(ui.reveal, ui.revealNote);
  const rows = new Map();
  let shownVote = '';

  const latest = () => {
    const votes = ctx.store.session?.votes || [];
    return votes[votes.length - 1] || null;
  };

  function row(item) {
    const labelId = `vl-${item.id}`;
    return el(
      'li',
      { class: 'bar', data: { voteItem: item.id, total: '0' } },
      el('span', { class: 'bar__label', text: item.label, attrs: { id: labelId } }),
      el('meter', { class: 'bar__meter', attrs: { min: 0, max: 1, value: 0, 'aria-labelledby': labelId } }),
      el('span', { class: 'bar__total' }),
    );
  }

  function render() {
    const v = latest();
    const steer = ctx.steer();
    ui.setup.hidden = !steer;
    ui.close.hidden = !steer || !v?.open;
    ui.start.disabled = Boolean(v?.open);
    ui.start.title = v?.open ? t('fac4.vote_close_first') : '';
    if (!v) {
      ui.result.hidden = true;
      return;
    }
    ui.result.hidden = false;
    ui.reveal.hidden = !steer;
    ui.reveal.textContent = t(v.revealed ? 'fac9.vote_hide' : 'fac9.vote_reveal');
    ui.revealNote.textContent = t(v.revealed ? 'fac9.vote_shown_note' : 'fac9.vote_hidden_note');
    if (shownVote !== v.id) {
      rows.clear();
      ui.bars.replaceChildren();
      shownVote = v.id;
    }
    const what = t(v.target === 'themes' ? 'fac4.vote_on_themes' : 'fac4.vote_on_cards', {
      n: v.question_id ? ctx.questionNumber(v.question_id) : '–',
    });
    ui.title.textContent = t(v.open ? 'fac4.vote_open' : 'fac4.vote_closed', { what });
    const totals = v.totals || {};
    const sum = Object.values(totals).reduce((a, b) => a + b, 0);
    ui.summary.textContent = `${tn('fac10.dots_per_phone', v.dots)} · ${tn('fac10.dots_placed', sum)}`;
    const max = Math.max(1, ...Object.values(totals));
    const order = v.items
      .map((item, i) => ({ item, i, total: totals[item.id] || 0 }))
      .sort((a, b) => b.total - a.total || a.i - b.i);
    const lis = order.map(({ item, total }) => {
      let li = rows.get(item.id);
      if (!li) {
        li = row(item);
        rows.set(item.id, li);
      }
      li.dataset.total = String(total);
      const meter = li.querySelector('meter');
      meter.max = max;
      meter.value = total;
      li.querySelector('.bar__total').textContent = tn('fac4.dots', total);
      return li;
    });
    const same = lis.length === ui.bars.children.length && lis.every((li, i) => ui.bars.children[i] === li);
    if (!same) ui.bars.replaceChildren(...lis);
  }

  ui.start.addEventListener('click', async () => {
    const qid = ctx.store.session?.active_question_id;
    const dots = Number.parseInt(ui.dots.value, 10);
    ui.status.textContent = '';
    if (!qid) {
      ui.status.textContent = t('fac4.vote_no_question');
      return;
    }
    if (!Number.isInteger(dots) || dots < 1 || dots > 20) {
      ui.status.textContent = t('fac4.vote_bad_dots');
      ui.dots.focus();
      return;
    }
    try {
      const v = await ctx.call('POST', '/votes', { question_id: qid, target: ui.target.value, dots });
      ui.status.textContent = tn('fac4.vote_started', v.items.length);
      ui.close.hidden = false;
      ui.close.focus();
    } catch (e) {
      ui.status.textContent = errorText(e);
    }
  });

  ui.close.addEventListener('click', async () => {
    const v = latest();
    if (!v) return;
    try {
      await ctx.call('POST', `/votes/${encodeURIComponent(v.id)}/close`);
      ui.status.textContent = t('fac4.vote_was_closed');
      ui.start.disabled = false;
      ui.start.focus();
    } catch (e) {
      ui.status.textContent = errorText(e);
    }
  });

  ui.reveal.addEventListener('click', async () => {
    const v = latest();
    if (!v) return;
    try {
      await ctx.call('POST', `/votes/${encodeURIComponent(v.id)}/${v.revealed ? 'hide' : 'reveal'}`);
    } catch (e) {
      ui.status.textContent = errorText(e);
    }
  });

  return {
    render,
    relabel() {
      shownVote = '';
      render();
    },
  };
}

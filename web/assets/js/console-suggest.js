// Suggested themes for one question: the server groups its cards by shared (stemmed) words
// and proposes named themes. The facilitator accepts, edits (renames, takes cards out) or
// rejects each; accepting creates the theme with its cards in one step.

import { errorText } from './api.js';
import { $, el } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';

/** @param {object} ctx  store, call(method, path, body), announce(text), themes, questionNumber(qid) */
export function createSuggest(ctx) {
  const ui = {
    box: $('#proposals'),
    heading: $('#proposals-heading'),
    list: $('#proposals-list'),
    status: $('#proposals-status'),
    acceptAll: $('#accept-all'),
    rejectAll: $('#reject-all'),
  };
  let qid = '';
  let proposals = [];
  let serial = 0;

  function headingText() {
    ui.heading.textContent = t('fac4.proposals_heading', { n: ctx.questionNumber(qid) });
  }

  function card(p, cid) {
    const c = ctx.store.get(cid);
    const remove = el('button', { class: 'btn btn-small', text: t('fac4.proposal_remove'), data: { remove: cid }, attrs: { type: 'button' } });
    const textId = `pc-${p.key}-${cid}`;
    remove.setAttribute('aria-describedby', textId);
    remove.addEventListener('click', () => {
      p.ids = p.ids.filter((x) => x !== cid);
      const li = remove.closest('li');
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      count(p);
      (next?.querySelector('button') || p.node.querySelector('input')).focus();
      ctx.announce(t('fac4.proposal_removed'));
    });
    return el('li', { class: 'proposal__card' }, el('span', { text: c ? c.text : cid, attrs: { id: textId } }), ' ', remove);
  }

  function count(p) {
    p.node.querySelector('.proposal__count').textContent = tn('fac4.theme_count', p.ids.length);
    p.node.querySelector('[data-accept]').disabled = p.ids.length === 0;
  }

  function proposal(p) {
    const nameId = `proposal-name-${p.key}`;
    const headingId = `proposal-h-${p.key}`;
    const input = el('input', { attrs: { id: nameId, type: 'text', maxlength: 100, autocomplete: 'off' } });
    input.value = p.name;
    input.addEventListener('input', () => {
      p.name = input.value;
      p.node.querySelector('h5').textContent = input.value || t('fac4.proposal_unnamed');
    });
    const accept = el('button', { class: 'btn btn-small btn-primary', text: t('fac4.proposal_accept'), data: { accept: p.key }, attrs: { type: 'button', 'aria-describedby': headingId } });
    const reject = el('button', { class: 'btn btn-small', text: t('fac4.proposal_reject'), data: { reject: p.key }, attrs: { type: 'button', 'aria-describedby': headingId } });
    accept.addEventListener('click', () => acceptSome([p]));
    reject.addEventListener('click', () => {
      drop([p]);
      ctx.announce(t('fac4.proposal_rejected', { name: p.name }));
    });
    p.node = el(
      'section',
      { class: 'proposal', data: { proposal: p.key }, attrs: { 'aria-labelledby': headingId } },
      el('h5', { text: p.name, attrs: { id: headingId, tabindex: '-1' } }),
      p.keywords.length ? el('p', { class: 'hint', text: t('fac4.proposal_keywords', { words: p.keywords.join(', ') }) }) : null,
      el('label', { text: t('fac4.proposal_name'), attrs: { for: nameId } }),
      input,
      el('p', { class: 'proposal__count' }),
      el('ul', { class: 'proposal__cards' }, ...p.ids.map((cid) => card(p, cid))),
      el('div', { class: 'actions' }, accept, reject),
    );
    count(p);
    return p.node;
  }

  function render() {
    headingText();
    ui.box.hidden = false;
    ui.list.replaceChildren(...proposals.map(proposal));
    ui.acceptAll.hidden = ui.rejectAll.hidden = proposals.length === 0;
  }

  /** Removes proposals; focus goes to the next one, or to the heading. */
  function drop(done) {
    const after = proposals.find((x) => !done.includes(x) && proposals.indexOf(x) > proposals.indexOf(done[done.length - 1]));
    proposals = proposals.filter((x) => !done.includes(x));
    for (const p of done) p.node.remove();
    ui.acceptAll.hidden = ui.rejectAll.hidden = proposals.length === 0;
    if (!proposals.length) ui.status.textContent = t('fac4.proposals_done');
    const target = after || proposals[proposals.length - 1];
    (target ? target.node.querySelector('h5') : ui.heading).focus();
  }

  async function acceptSome(list) {
    const themes = list
      .filter((p) => p.ids.length)
      .map((p) => ({ name: p.name.trim() || t('fac4.proposal_unnamed'), contribution_ids: p.ids }));
    if (!themes.length) return;
    try {
      await ctx.call('POST', '/themes/accept', { question_id: qid, themes });
      ctx.announce(tn('fac4.proposals_accepted', themes.length));
      drop(list);
    } catch (e) {
      ui.status.textContent = errorText(e);
    }
  }

  async function suggest(questionId) {
    qid = questionId;
    const mine = ++serial;
    ctx.themes.show(qid);
    proposals = [];
    render();
    ui.status.textContent = t('fac4.proposals_working');
    ui.heading.focus();
    let data;
    try {
      data = await ctx.call('POST', `/questions/${encodeURIComponent(qid)}/suggest-themes`);
    } catch (e) {
      if (mine !== serial) return;
      const missing = e.status === 404 && !['session_not_found', 'question_not_found'].includes(e.code);
      ui.status.textContent = missing ? t('fac4.proposals_unavailable') : errorText(e);
      return;
    }
    if (mine !== serial) return;
    proposals = (Array.isArray(data) ? data : []).map((p, i) => ({
      key: `${mine}-${i}`,
      name: String(p.name || ''),
      ids: (p.ids || p.contribution_ids || []).filter((cid) => ctx.store.get(cid)),
      keywords: Array.isArray(p.keywords) ? p.keywords.map(String) : [],
    }));
    render();
    ui.status.textContent = proposals.length ? tn('fac4.proposals_found', proposals.length) : t('fac4.proposals_none');
  }

  ui.acceptAll.addEventListener('click', () => acceptSome([...proposals]));
  ui.rejectAll.addEventListener('click', () => {
    drop([...proposals]);
    ctx.announce(t('fac4.proposals_all_rejected'));
  });

  return {
    suggest,
    /** Adds a question's "suggest themes" button to its item in the plan. */
    button(li, q) {
      const b = el('button', { class: 'btn btn-small', data: { suggest: q.id }, attrs: { type: 'button', id: `suggest-${q.id}` } });
      b.addEventListener('click', () => suggest(q.id));
      li.querySelector('.q__actions')?.append(b);
    },
    /** Its words, for question number `n`. */
    label(li, n) {
      const b = li.querySelector('[data-suggest]');
      if (!b) return;
      b.textContent = t('fac4.suggest');
      b.setAttribute('aria-label', t('fac4.suggest_named', { n: formatNumber(n) }));
    },
    /** After a language change: labels of what is on show. */
    relabel() {
      if (!ui.box.hidden && qid) {
        headingText();
        ui.list.replaceChildren(...proposals.map(proposal));
      }
    },
  };
}

// "My contributions" on the phone: what this phone sent, newest first, with where each one is
// (waiting, sent, waiting for the facilitator, refused), late ones marked, and for a refused one
// a way to put its text back.

import { el } from './dom.js';
import { refusalText, t } from './i18n.js';

function errorFor(item) {
  const e = item.error || {};
  return refusalText(e.code, e.sv, e.en) || t('join.failed_generic');
}

function mineItem(item, again) {
  const li = el('li', { class: 'mine__item', data: { id: item.id, state: item.state } });
  li.append(el('p', { class: 'mine__text', text: item.text }));
  const meta = el('p', { class: 'mine__meta' }, el('span', { class: 'mine__state', i18n: item.state === 'pending' ? 'join4.state_pending' : `join.state_${item.state}` }));
  if (item.late) meta.append(el('span', { class: 'mine__late', i18n: 'join8.late_badge' }));
  if (item.question_text) meta.append(el('span', { class: 'mine__q', text: item.question_text }));
  li.append(meta);
  if (item.state === 'failed') {
    li.append(el('p', { class: 'mine__error', text: errorFor(item) }));
    const button = el('button', { class: 'btn btn-small', i18n: 'join.edit_again', attrs: { type: 'button' } });
    button.addEventListener('click', () => again(item));
    li.append(button);
  }
  for (const n of li.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  return li;
}

/** Draws the outbox's `items` into `list`; `again(item)` puts a refused item's text back. */
export function drawMine(list, empty, items, again) {
  const newest = items.slice().reverse();
  list.replaceChildren(...newest.map((item) => mineItem(item, again)));
  empty.hidden = newest.length > 0;
}

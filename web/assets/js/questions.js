// The console's list of questions: state, count and (for the facilitator) the buttons that
// steer them; `extra` adds more to each item (its timer, its tools). Items are built once
// and then updated in place, so keyboard focus stays on the button that was pressed.

import { el } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';

const ACTIONS = ['activate', 'open', 'close'];

function build(q, n, steer, act, extra) {
  const li = el('li', { class: 'q', data: { question: q.id } });
  li.append(
    el('p', { class: 'q__text' }, el('span', { class: 'q__num', text: `${n}.` }), ' ', el('span', { text: q.text })),
    el('p', { class: 'q__state' }),
  );
  if (steer) {
    const row = el('div', { class: 'actions q__actions' });
    for (const action of ACTIONS) {
      const b = el('button', {
        class: action === 'activate' ? 'btn btn-small btn-primary' : 'btn btn-small',
        data: { action, question: q.id },
        attrs: { type: 'button' },
      });
      b.addEventListener('click', () => act(action, q.id));
      row.append(b);
    }
    li.append(row);
  }
  extra?.build?.(li, q, n);
  return li;
}

function badge(key, kind) {
  return el('span', { class: `badge badge--${kind}`, text: t(key) });
}

function update(li, q, n, active, count) {
  if (active) li.setAttribute('aria-current', 'true');
  else li.removeAttribute('aria-current');
  li.classList.toggle('q--active', active);
  const state = li.querySelector('.q__state');
  state.replaceChildren(
    ...(active ? [badge('fac.badge_active', 'active'), ' '] : []),
    badge(q.state === 'open' ? 'fac.badge_open' : 'fac.badge_closed', q.state),
    ' ',
    el('span', { class: 'q__count', text: tn('wall.question_count', count) }),
    ...(q.duration_secs ? [' · ', el('span', { class: 'q__plan', text: t('fac4.planned', { min: formatNumber(Math.round((q.duration_secs / 60) * 10) / 10) }) })] : []),
  );
  const enabled = { activate: !active, open: q.state !== 'open', close: q.state === 'open' };
  let lostFocus = false;
  for (const b of li.querySelectorAll('button[data-action]')) {
    const action = b.dataset.action;
    b.textContent = t(`fac.action_${action}`);
    // The visible words start the accessible name (WCAG 2.5.3); the number tells them apart.
    b.setAttribute('aria-label', t(`fac.action_${action}_named`, { n: formatNumber(n) }));
    if (!enabled[action] && document.activeElement === b) lostFocus = true;
    b.disabled = !enabled[action];
  }
  // A disabled button drops focus to the page; move it to the button that now makes sense.
  if (lostFocus) li.querySelector('button[data-action]:not([disabled])')?.focus();
}

/** Renders `session.questions` into `ol`, reusing existing items. */
export function renderQuestions(ol, session, { steer, counts, act, extra }) {
  const existing = new Map([...ol.children].map((li) => [li.dataset.question, li]));
  const items = session.questions.map((q, i) => {
    let li = existing.get(q.id);
    if (!li || (steer && !li.querySelector('button[data-action]'))) li = build(q, i + 1, steer, act, extra);
    update(li, q, i + 1, q.id === session.active_question_id, counts.get(q.id) || 0);
    extra?.update?.(li, q, i + 1);
    return li;
  });
  // Only touch the DOM order when it changed, so focus inside the list is kept.
  const same = items.length === ol.children.length && items.every((li, i) => ol.children[i] === li);
  if (!same) ol.replaceChildren(...items);
}

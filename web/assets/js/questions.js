// The console's list of questions (one list per round): state, count and (for the
// facilitator) the buttons that steer them; `extra` adds more to each item (its timer, its
// tools). Items are built once and then updated in place, so keyboard focus stays on the
// button that was pressed. In a round of several questions "make active" shows the question
// alone on phones and walls, and says so.

import { el, placeChildren } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { roundOf } from './session-apply.js';

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

function update(li, q, n, active, count, session) {
  // In a round of several questions, activating shows the question alone.
  const alone = (roundOf(session, q.id)?.question_ids.length || 0) > 1;
  const single = active && alone && session.show_single;
  if (active) li.setAttribute('aria-current', 'true');
  else li.removeAttribute('aria-current');
  li.classList.toggle('q--active', active);
  const state = li.querySelector('.q__state');
  state.replaceChildren(
    ...(active && (!alone || single) ? [badge(single ? 'fac8.badge_alone' : 'fac.badge_active', 'active'), ' '] : []),
    badge(q.state === 'open' ? 'fac.badge_open' : 'fac.badge_closed', q.state),
    ' ',
    el('span', { class: 'q__count', text: tn('wall.question_count', count) }),
    ...(q.duration_secs ? [' · ', el('span', { class: 'q__plan', text: t('fac4.planned', { min: formatNumber(Math.round((q.duration_secs / 60) * 10) / 10) }) })] : []),
  );
  const enabled = { activate: alone ? !single : !active, open: q.state !== 'open', close: q.state === 'open' };
  let lostFocus = false;
  for (const b of li.querySelectorAll('button[data-action]')) {
    const action = b.dataset.action;
    const key = action === 'activate' && alone ? 'fac8.action_alone' : `fac.action_${action}`;
    b.textContent = t(key);
    // The visible words start the accessible name (WCAG 2.5.3); the number tells them apart.
    b.setAttribute('aria-label', t(`${key}_named`, { n: formatNumber(n) }));
    if (!enabled[action] && document.activeElement === b) lostFocus = true;
    b.disabled = !enabled[action];
  }
  // A disabled button drops focus to the page; move it to the button that now makes sense.
  if (lostFocus) li.querySelector('button[data-action]:not([disabled])')?.focus();
}

/**
 * Renders `questions` (default: all of the session's) into `ol`, reusing existing items (also
 * those moved from another round's list, found in `items`). `number(q)` is the number shown.
 */
export function renderQuestions(ol, session, { steer, counts, act, extra, questions = session.questions, number, items: known }) {
  const existing = known || new Map([...ol.children].map((li) => [li.dataset.question, li]));
  const items = questions.map((q, i) => {
    const n = number ? number(q) : i + 1;
    let li = existing.get(q.id);
    if (!li || (steer && !li.querySelector('button[data-action]'))) li = build(q, n, steer, act, extra);
    update(li, q, n, q.id === session.active_question_id, counts.get(q.id) || 0, session);
    extra?.update?.(li, q, n);
    return li;
  });
  // Only touch the DOM order when it changed, so focus inside the list is kept.
  const same = items.length === ol.children.length && items.every((li, i) => ol.children[i] === li);
  if (!same) placeChildren(ol, items);
}

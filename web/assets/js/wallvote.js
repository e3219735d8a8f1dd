// Dot-vote results on the wall: one bar per item, most dots first, only once the facilitator
// reveals them (before that the server sends the room no totals, so nobody follows the
// crowd), and only until the facilitator takes them off again or the room moves on to
// another question or round (the server then hides them: `vote_results_hidden`). Bars are
// SVG rectangles sized by attribute (the CSP allows no inline styles); each row carries its
// label and total as text for screen readers.

import { el } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Rows readable from the back of the room at 720p; the rest is summed up below. */
const TOP = 10;

const rows = new Map();

function row(item) {
  let r = rows.get(item.id);
  if (!r) {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('class', 'bar__fill');
    rect.setAttribute('height', '10');
    rect.setAttribute('rx', '1.5');
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'bar__track');
    svg.setAttribute('viewBox', '0 0 100 10');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.append(rect);
    const total = el('span', { class: 'bar__total' });
    const li = el('li', { class: 'bar', data: { voteItem: item.id } }, el('span', { class: 'bar__label', text: item.label }), svg, total);
    r = { li, rect, total };
    rows.set(item.id, r);
  }
  return r;
}

/**
 * Draws `vote` into the results section (null hides it).
 * @param {{root, heading, state, bars, more}} ui
 */
export function drawVote(ui, vote) {
  ui.root.hidden = !vote;
  if (!vote) {
    ui.bars.replaceChildren();
    rows.clear();
    return;
  }
  const total = (id) => vote.totals?.[id] || 0;
  const order = new Map(vote.items.map((it, i) => [it.id, i]));
  const items = vote.items.slice().sort((a, b) => total(b.id) - total(a.id) || order.get(a.id) - order.get(b.id));
  const shown = items.slice(0, TOP);
  const max = Math.max(1, ...shown.map((it) => total(it.id)));
  const sum = items.reduce((n, it) => n + total(it.id), 0);
  ui.heading.textContent = t(vote.target === 'themes' ? 'wall4.vote_heading_themes' : 'wall4.vote_heading');
  ui.state.textContent = `${t(vote.open ? 'wall4.vote_open' : 'wall4.vote_closed')} · ${tn('wall4.dots_total', sum)}`;
  ui.root.dataset.state = vote.open ? 'open' : 'closed';
  const lis = shown.map((it) => {
    const r = row(it);
    const n = total(it.id);
    r.li.dataset.total = String(n);
    r.rect.setAttribute('width', String(Math.round((n / max) * 1000) / 10));
    r.total.replaceChildren(
      el('span', { text: formatNumber(n), attrs: { 'aria-hidden': 'true' } }),
      el('span', { class: 'sr-only', text: tn('wall4.dots', n) }),
    );
    return r.li;
  });
  let i = 0;
  for (const li of lis) {
    if (ui.bars.children[i] !== li) ui.bars.insertBefore(li, ui.bars.children[i] || null);
    i += 1;
  }
  while (ui.bars.children.length > i) ui.bars.lastElementChild.remove();
  const rest = items.length - shown.length;
  ui.more.hidden = rest <= 0;
  ui.more.textContent = rest > 0 ? tn('wall4.vote_more', rest) : '';
}

/**
 * Which vote's bars the wall shows: the newest revealed one, unless this wall dismissed it;
 * and, while a vote is open and not revealed, a line saying the room is voting.
 * @param {object} ui  as drawVote's, plus banner
 * @param {() => object|null} session
 */
export function createVoteShow(ui, session) {
  let dismissed = '';
  const shown = () => {
    const votes = session()?.votes || [];
    for (let i = votes.length - 1; i >= 0; i -= 1) if (votes[i].revealed) return votes[i].id === dismissed ? null : votes[i];
    return null;
  };
  const voting = () => (session()?.votes || []).find((v) => v.open && !v.revealed) || null;
  return {
    /** Whether bars are up (they take the place of the cards). */
    get up() {
      return Boolean(shown());
    },
    /** Follows event `ev`; returns what to tell screen readers (live events only), or ''. */
    event(ev, live) {
      if (!live) return '';
      if (ev.kind === 'vote_started') return t('wall4.vote_started_sr');
      if (ev.kind === 'vote_revealed') {
        if (ev.vote_id === dismissed) dismissed = '';
        return t('wall9.vote_revealed_sr');
      }
      if (ev.kind === 'vote_closed' && ev.vote_id === shown()?.id) return t('wall4.vote_closed_sr');
      return '';
    },
    dismiss() {
      dismissed = shown()?.id || '';
    },
    draw() {
      const v = shown();
      drawVote(ui, v);
      const open = voting();
      ui.banner.hidden = !open || Boolean(v);
      ui.banner.textContent = open ? tn('wall9.voting_now', open.dots) : '';
    },
  };
}

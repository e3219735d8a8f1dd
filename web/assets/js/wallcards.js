// Draws the wall's cards into #cards: pinned cards first and large, then the rest in one
// list (by question) or under headings (by table); "Per tema" is an overview of every theme
// with its count and newest cards. Card and group elements are kept and moved rather than
// rebuilt, so a redraw during a burst of new cards neither flickers nor restarts their
// entrance animation. A card names its table and perspective only as far as the session's
// `wall_shows` allows (the server does not even send the rest to a wall).

import { el } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';

const cardNodes = new Map();
const groupNodes = new Map();

/** Puts exactly `children`, in this order, into `parent`, moving only what must move. */
function sync(parent, children) {
  let i = 0;
  for (const child of children) {
    const at = parent.children[i];
    if (at !== child) parent.insertBefore(child, at || null);
    i += 1;
  }
  while (parent.children.length > i) parent.lastElementChild.remove();
}

/** What the session lets the wall's cards say of who wrote them. */
export function wallShows(session) {
  const w = session?.settings?.wall_shows || 'table';
  return { table: w === 'table' || w === 'both', perspective: w === 'perspective' || w === 'both' };
}

/** How many newest cards a theme's tile shows in the overview. */
const THEME_NEWEST = 3;

let shows = { table: true, perspective: false };

function cardNode(c, fresh, merged) {
  let li = cardNodes.get(c.id);
  if (!li) {
    li = el('li', { class: 'card', data: { id: c.id } });
    if (fresh) {
      li.classList.add('card--new');
      li.addEventListener('animationend', () => li.classList.remove('card--new'), { once: true });
    }
    cardNodes.set(c.id, li);
  }
  const meta = [shows.table && c.table, shows.perspective && c.perspective].filter(Boolean).join(' · ');
  // Text never changes; what may is redrawn only when it did (and in a new language).
  const sig = `${c.pinned ? 1 : 0}|${merged}|${meta}|${t('wall4.pinned')}`;
  if (li.dataset.sig === sig) return li;
  li.dataset.sig = sig;
  li.dataset.pinned = String(Boolean(c.pinned));
  li.classList.toggle('card--pinned', Boolean(c.pinned));
  const badges = [];
  if (c.pinned) badges.push(el('span', { class: 'card__badge', text: t('wall4.pinned') }));
  if (merged > 1) {
    badges.push(
      el(
        'span',
        { class: 'card__merged' },
        el('span', { text: `×${formatNumber(merged)}`, attrs: { 'aria-hidden': 'true' } }),
        el('span', { class: 'sr-only', text: tn('wall4.merged', merged) }),
      ),
    );
  }
  const parts = [el('p', { class: 'card__text', text: c.text })];
  if (badges.length) parts.unshift(el('p', { class: 'card__badges' }, ...badges));
  if (meta) parts.push(el('p', { class: 'card__meta', text: meta }));
  li.replaceChildren(...parts);
  return li;
}

function groupNode(key, attr, title, n) {
  let g = groupNodes.get(key);
  if (!g) {
    const heading = el('h3', { class: 'group__head' });
    const list = el('ul', { class: 'cards' });
    const section = el('section', { class: 'group' }, heading, list);
    if (attr) section.dataset[attr.name] = attr.value;
    g = { section, heading, list };
    groupNodes.set(key, g);
  }
  g.heading.replaceChildren(el('span', { text: title }), el('span', { class: 'group__n', text: tn('wall.question_count', n) }));
  return g;
}

/** How many contributions each card stands for (itself and the duplicates folded into it). */
export function mergedCounts(all) {
  const counts = new Map();
  for (const c of all.values()) {
    if (!c.merged_into) continue;
    let root = c.merged_into;
    for (let hops = 0; hops < 20; hops += 1) {
      const next = all.get(root)?.merged_into;
      if (!next) break;
      root = next;
    }
    counts.set(root, (counts.get(root) || 1) + 1);
  }
  return counts;
}

/**
 * @param {HTMLElement} root  #cards
 * @param {object} m  { list: visible cards newest first, mode: 'question'|'table'|'theme',
 *   session, table: the table filter, fresh: Set of ids
 *   to animate, merged: Map id → count, max }
 * @returns {{shown: number, total: number}}
 */
export function drawCards(root, { list, mode, session, table, fresh, merged, max }) {
  shows = wallShows(session);
  if (mode === 'theme') return drawThemes(root, { list, session, fresh, merged });
  const pinned = list.filter((c) => c.pinned);
  const rest = list.filter((c) => !c.pinned).slice(0, Math.max(0, max - pinned.length));
  const node = (c) => cardNode(c, fresh.has(c.id), merged.get(c.id) || 1);
  const blocks = [];
  if (pinned.length) {
    const g = groupNode('pinned', null, t('wall4.pinned_heading'), pinned.length);
    g.section.classList.add('group--pinned');
    // The badge on each card says it visually; the heading is for screen readers.
    g.heading.classList.add('sr-only');
    sync(g.list, pinned.map(node));
    blocks.push(g.section);
  }
  let groups;
  if (mode === 'table') {
    const tables = table ? [table] : session?.tables || [];
    groups = tables.map((x) => ({ key: `b:${x}`, attr: { name: 'tableGroup', value: x }, title: x, test: (c) => c.table === x }));
    if (!table) groups.push({ key: 'b:', attr: { name: 'tableGroup', value: '' }, title: t('wall4.no_table'), test: (c) => !c.table || !tables.includes(c.table) });
  }
  if (groups) {
    for (const g of groups) {
      const cards = rest.filter(g.test);
      if (!cards.length) continue;
      const n = groupNode(g.key, g.attr, g.title, cards.length);
      sync(n.list, cards.map(node));
      blocks.push(n.section);
    }
  } else if (rest.length) {
    const g = groupNode('all', null, '', rest.length);
    g.heading.hidden = true;
    sync(g.list, rest.map(node));
    blocks.push(g.section);
  }
  sync(root, blocks);
  // Forget what is no longer drawn (hidden, merged, filtered away), so the maps stay small.
  for (const [id, n] of cardNodes) if (!n.isConnected) cardNodes.delete(id);
  for (const [key, g] of groupNodes) if (!g.section.isConnected) groupNodes.delete(key);
  return { shown: pinned.length + rest.length, total: list.length };
}

/**
 * "Per tema": every theme of the session as a tile, with how many cards it holds and its
 * newest ones, then the cards in no theme. Empty themes stay (the facilitator is building
 * them). `list` is every visible card this wall shows, newest first.
 * @returns {{shown: number, total: number}}
 */
function drawThemes(root, { list, session, fresh, merged }) {
  const themes = session?.themes || [];
  const known = new Set(themes.map((th) => th.id));
  const groups = themes.map((th) => ({ key: `t:${th.id}`, value: th.id, title: th.name, test: (c) => c.theme_id === th.id }));
  groups.push({ key: 't:', value: '', title: t('wall4.no_theme'), test: (c) => !known.has(c.theme_id) });
  const blocks = [];
  for (const g of groups) {
    const cards = list.filter(g.test);
    if (!cards.length && !g.value) continue;
    const n = groupNode(g.key, { name: 'themeGroup', value: g.value }, g.title, cards.length);
    n.heading.hidden = false;
    n.heading.classList.remove('sr-only');
    sync(n.list, cards.slice(0, THEME_NEWEST).map((c) => cardNode(c, fresh.has(c.id), merged.get(c.id) || 1)));
    blocks.push(n.section);
  }
  sync(root, blocks);
  forget();
  return { shown: list.length, total: list.length };
}

function forget() {
  for (const [id, n] of cardNodes) if (!n.isConnected) cardNodes.delete(id);
  for (const [key, g] of groupNodes) if (!g.section.isConnected) groupNodes.delete(key);
}

/**
 * A round of several questions: a column per question, side by side, each with the question
 * as its heading and its cards newest first (pinned ones on top).
 * @param {HTMLElement} root  #cards
 * @param {object} m  { columns: [{ q, number, list: visible cards newest first }], fresh, merged, max }
 * @returns {{shown: number, total: number}}
 */
export function drawColumns(root, { columns, session, fresh, merged, max }) {
  shows = wallShows(session);
  const per = Math.max(1, Math.floor(max / Math.max(1, columns.length)));
  let shown = 0;
  let total = 0;
  const blocks = columns.map(({ q, number, list }) => {
    const pinned = list.filter((c) => c.pinned);
    const rest = list.filter((c) => !c.pinned).slice(0, Math.max(0, per - pinned.length));
    const g = groupNode(`col:${q.id}`, { name: 'column', value: q.id }, `${formatNumber(number)}. ${q.text}`, list.length);
    g.section.classList.add('column');
    g.heading.hidden = false;
    g.heading.classList.remove('sr-only');
    sync(g.list, [...pinned, ...rest].map((c) => cardNode(c, fresh.has(c.id), merged.get(c.id) || 1)));
    shown += pinned.length + rest.length;
    total += list.length;
    return g.section;
  });
  sync(root, blocks);
  for (const [id, n] of cardNodes) if (!n.isConnected) cardNodes.delete(id);
  for (const [key, g] of groupNodes) if (!g.section.isConnected) groupNodes.delete(key);
  return { shown, total };
}

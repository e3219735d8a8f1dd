// The phone's dot-vote list. A vote may hold up to 300 cards, so it is one compact row per
// card (its text clamped, the whole text shown on a tap or while a button of the row has
// keyboard focus), a filter box, and "only where my dots are". Each phone gets its own order,
// stable for that phone (seeded by its participant id and the vote's id), so no card wins
// merely by being first on every phone, and a reload keeps the list where the person left it.
// Others' totals are never shown here: the phone only knows its own dots.

import { el } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';

// How long typing in the filter box stays quiet before "12 of 150 shown" is spoken.
const SPEAK_AFTER_MS = 700;

/** A 32-bit hash of `s`: FNV-1a, then murmur3's finaliser so that near seeds spread apart. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * `items` in this phone's order: each card's place comes from a hash of the seed and its own
 * id, so the order is the same on every render and reload of this phone, and another phone
 * (another seed) gets another order.
 */
export function phoneOrder(items, seed) {
  return items
    .map((it) => [hash(`${seed}\u0000${it.id}`), it])
    .sort((a, b) => a[0] - b[0] || (a[1].id < b[1].id ? -1 : 1))
    .map(([, it]) => it);
}

/** Case-insensitive, the way a Swede types: å, ä and ö stay letters of their own. */
const fold = (s) => s.toLocaleLowerCase('sv');
const short = (s) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/**
 * @param {object} o
 * @param {{items: HTMLElement, filter: HTMLInputElement, mine: HTMLInputElement,
 *          shown: HTMLElement, none: HTMLElement}} o.ui
 * @param {(id: string) => number} o.count  this phone's dots on item `id` now
 * @param {(item: object, delta: number) => void} o.tap  one dot more (1) or fewer (−1)
 */
export function createVoteList({ ui, count, tap }) {
  const rows = new Map();
  let order = [];
  let key = '';
  let speakTimer = 0;

  function row(item) {
    let r = rows.get(item.id);
    if (r) return r;
    const n = rows.size;
    const desc = `vote-desc-${n}`;
    const less = el('button', { class: 'btn vote-btn', text: '−', data: { less: '' }, attrs: { type: 'button', 'aria-describedby': desc } });
    const more = el('button', { class: 'btn vote-btn', text: '+', data: { more: '' }, attrs: { type: 'button', 'aria-describedby': desc } });
    // The number is for the eye; the buttons are described by "2 dots" for the ear.
    const num = el('span', { class: 'vote-item__count', data: { count: '0' }, attrs: { 'aria-hidden': 'true' } });
    const said = el('span', { attrs: { id: desc, hidden: true } });
    const label = el('p', { class: 'vote-item__label', text: item.label });
    less.addEventListener('click', () => tap(item, -1));
    more.addEventListener('click', () => tap(item, 1));
    // A tap on the clamped text shows all of it (keyboard users see it while in the row).
    label.addEventListener('click', () => r.li.toggleAttribute('data-open'));
    const li = el('li', { class: 'vote-item', data: { item: item.id } }, label, el('div', { class: 'vote-item__controls' }, less, num, more), said);
    r = { li, less, more, num, said, item, text: fold(item.label) };
    rows.set(item.id, r);
    return r;
  }

  /** Hides the rows the filter leaves out; says how many show once typing pauses. */
  function filter(speak) {
    const words = fold(ui.filter.value).split(/\s+/).filter(Boolean);
    const onlyMine = ui.mine.checked;
    let shown = 0;
    for (const r of rows.values()) {
      const hit = words.every((w) => r.text.includes(w)) && (!onlyMine || count(r.item.id) > 0);
      r.li.hidden = !hit;
      if (hit) shown += 1;
    }
    const narrowed = words.length > 0 || onlyMine;
    ui.none.hidden = shown > 0;
    const text = narrowed ? t('join10.shown', { n: formatNumber(shown), total: formatNumber(rows.size) }) : '';
    clearTimeout(speakTimer);
    // Set only when it changed: a live region rewritten with the same words may speak again.
    const put = () => {
      if (ui.shown.textContent !== text) ui.shown.textContent = text;
    };
    if (speak) speakTimer = setTimeout(put, SPEAK_AFTER_MS);
    else put();
  }

  ui.filter.addEventListener('input', () => filter(true));
  ui.mine.addEventListener('change', () => filter(true));

  return {
    /** Shows `vote`'s items in the order of `seed`, with the counts `count` gives now. */
    paint(vote, seed) {
      const k = `${vote.id}\u0000${seed}`;
      if (k !== key) {
        key = k;
        rows.clear();
        ui.items.replaceChildren();
        order = phoneOrder(vote.items, seed);
        ui.filter.value = '';
        ui.mine.checked = false;
      }
      for (const it of order) {
        const r = row(it);
        const n = count(it.id);
        if (r.num.dataset.count !== String(n) || !r.num.textContent) {
          r.num.dataset.count = String(n);
          r.num.textContent = formatNumber(n);
          r.li.classList.toggle('vote-item--chosen', n > 0);
        }
        r.said.textContent = tn('join4.count', n);
        r.less.setAttribute('aria-label', t('join4.less', { label: short(it.label) }));
        r.more.setAttribute('aria-label', t('join4.more', { label: short(it.label) }));
        r.less.setAttribute('aria-disabled', String(n === 0));
      }
      // Built once per vote and never reordered: a button keeps its focus while counts change.
      if (ui.items.children.length !== order.length) ui.items.replaceChildren(...order.map((it) => rows.get(it.id).li));
      // "Only mine" follows the counts, but a row just emptied stays until the filter is touched
      // again, so the button just pressed does not vanish from under the finger.
      if (!ui.mine.checked) filter(false);
      else ui.none.hidden = [...rows.values()].some((r) => !r.li.hidden);
    },
    clear() {
      key = '';
      order = [];
      rows.clear();
      ui.items.replaceChildren();
      ui.filter.value = '';
      ui.mine.checked = false;
      ui.shown.textContent = '';
    },
  };
}

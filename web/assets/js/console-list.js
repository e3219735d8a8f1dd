// The console's list of contributions, newest first. For the facilitator each card carries its
// tools: hide/restore, pin/unpin, a "Tema" select (the keyboard way to group cards; dragging a
// card onto a theme is the mouse way) and "merge as a duplicate into…". Items are updated in
// place, so focus stays on the control that was used.

import { errorText } from './api.js';
import { el } from './dom.js';
import { formatTime, t, tn } from './i18n.js';
import { dragCard } from './console-drag.js';

/**
 * @param {HTMLOListElement} ol
 * @param {object} ctx  store, steer(), questionNumber(qid), moderate(id, action),
 *                      assign(id, themeId), call(method, path, body), announce(text), filter(c)
 */
export function createList(ol, ctx) {
  const items = new Map();

  /** Folds card `cid` into `into` as a duplicate; resolves to whether it did. */
  async function merge(cid, into) {
    try {
      await ctx.call('POST', `/contributions/${encodeURIComponent(cid)}/merge`, { into });
      ctx.announce(t('fac4.merged'));
      return true;
    } catch (e) {
      ctx.announce(errorText(e));
      return false;
    }
  }

  const shown = (c) => !c.merged_into && (!c.pending || c.hidden) && ctx.filter(c);

  function themeOptions(select, c) {
    const themes = ctx.store.themesFor(c.question_id);
    const want = [['', t('fac4.theme_none')], ...themes.map((x) => [x.id, x.name])];
    // A signature of the options, so that unchanged selects are left alone cheaply.
    const sig = want.map((o) => o.join('\u0001')).join('\u0002');
    if (select.dataset.sig !== sig) {
      select.replaceChildren(...want.map(([value, label]) => el('option', { text: label, attrs: { value } })));
      select.dataset.sig = sig;
    }
    select.value = c.theme_id && themes.some((x) => x.id === c.theme_id) ? c.theme_id : '';
  }

  function mergeOptions(select, c) {
    const others = ctx.store.list((x) => x.id !== c.id && x.question_id === c.question_id && !x.merged_into && !x.pending && !x.hidden);
    const short = (s) => (s.length > 70 ? `${s.slice(0, 67)}…` : s);
    select.replaceChildren(...others.map((x) => el('option', { text: short(x.text), attrs: { value: x.id } })));
    return others.length;
  }

  function tools(li, c) {
    const textId = `ct-${c.id}`;
    const button = (mod) =>
      el('button', { class: 'btn btn-small', data: { mod }, attrs: { type: 'button', 'aria-describedby': textId } });
    const hide = button('hide');
    const pin = button('pin');
    hide.addEventListener('click', () => ctx.moderate(c.id, hide.dataset.mod));
    pin.addEventListener('click', () => ctx.moderate(c.id, pin.dataset.mod));

    const selectId = `theme-${c.id}`;
    const select = el('select', { class: 'theme-select', data: { themeSelect: c.id }, attrs: { id: selectId, 'aria-describedby': textId } });
    select.addEventListener('change', () => ctx.assign(c.id, select.value || null));
    const theme = el('div', { class: 'contrib__theme' }, el('label', { text: t('fac4.theme_label'), attrs: { for: selectId } }), select);

    const mergeId = `merge-${c.id}`;
    const mergeSelect = el('select', { attrs: { id: mergeId } });
    const mergeGo = el('button', { class: 'btn btn-small', text: t('fac4.merge_go'), data: { merge: c.id }, attrs: { type: 'button' } });
    const none = el('p', { class: 'hint', text: t('fac4.merge_none') });
    const details = el(
      'details',
      { class: 'contrib__merge' },
      el('summary', { text: t('fac4.merge_summary'), attrs: { 'aria-describedby': textId } }),
      el('label', { text: t('fac4.merge_label'), attrs: { for: mergeId } }),
      mergeSelect,
      none,
      el('div', { class: 'actions' }, mergeGo),
    );
    details.addEventListener('toggle', () => {
      if (!details.open) return;
      const n = mergeOptions(mergeSelect, ctx.store.get(c.id) || c);
      none.hidden = n > 0;
      mergeGo.disabled = n === 0;
    });
    mergeGo.addEventListener('click', async () => {
      if (!mergeSelect.value) return;
      if (await merge(c.id, mergeSelect.value)) details.open = false;
    });
    li.append(el('div', { class: 'contrib__tools' }, hide, pin, theme, details));
  }

  function build(c) {
    const li = el(
      'li',
      { class: 'contrib', data: { id: c.id } },
      el('p', { class: 'contrib__text', text: c.text, attrs: { id: `ct-${c.id}` } }),
      el('p', { class: 'contrib__meta' }),
      el('ul', { class: 'contrib__dupes' }),
    );
    if (ctx.steer()) {
      tools(li, c);
      dragCard(li, c.id);
    }
    items.set(c.id, li);
    return li;
  }

  function badge(key, kind, vars) {
    return el('span', { class: `badge badge--${kind}`, text: t(key, vars) });
  }

  function update(li, c, dupesOf = ctx.store.mergedInto) {
    const meta = li.querySelector('.contrib__meta');
    const theme = c.theme_id ? ctx.store.theme(c.theme_id) : null;
    const dupes = dupesOf(c.id);
    // What never changes is worked out once per item (formatting times is not free).
    li.metaWords ||= [t('fac.question_short', { n: ctx.questionNumber(c.question_id) }), c.table, c.perspective, formatTime(c.created_at)]
      .filter(Boolean)
      .join(' · ');
    const words = li.metaWords;
    meta.replaceChildren(
      words,
      ...(c.late ? [' ', badge('fac8.badge_late', 'theme')] : []),
      ...(c.hidden ? [' ', badge('fac4.badge_hidden', 'closed')] : []),
      ...(c.pinned ? [' ', badge('fac4.badge_pinned', 'active')] : []),
      ...(theme ? [' ', badge('fac4.badge_theme', 'theme', { name: theme.name })] : []),
      ...(dupes.length ? [' ', el('span', { class: 'badge badge--theme', text: tn('fac4.badge_dupes', dupes.length) })] : []),
    );
    li.querySelector('.contrib__dupes').replaceChildren(...dupes.map((d) => el('li', { text: d.text })));
    li.classList.toggle('contrib--hidden', Boolean(c.hidden));
    li.classList.toggle('contrib--pinned', Boolean(c.pinned));
    const hide = li.querySelector('button[data-mod="hide"], button[data-mod="restore"]');
    if (!hide) return;
    hide.dataset.mod = c.hidden ? 'restore' : 'hide';
    hide.textContent = t(c.hidden ? 'fac4.restore' : 'fac4.hide');
    const pin = li.querySelector('button[data-mod="pin"], button[data-mod="unpin"]');
    pin.dataset.mod = c.pinned ? 'unpin' : 'pin';
    pin.textContent = t(c.pinned ? 'fac4.unpin' : 'fac4.pin');
    pin.disabled = Boolean(c.hidden);
    themeOptions(li.querySelector('select.theme-select'), c);
    li.querySelector('.contrib__merge').hidden = Boolean(c.hidden);
  }

  /** Where `li` belongs: before the first item with a lower seq (newest first). */
  function place(li, c) {
    for (const other of ol.children) {
      const o = ctx.store.get(other.dataset.id);
      if (o && o.seq < c.seq) {
        if (other !== li && other.previousElementSibling !== li) ol.insertBefore(li, other);
        return;
      }
    }
    if (li.parentNode !== ol || li.nextElementSibling) ol.append(li);
  }

  /** Duplicates per card, found in one pass rather than one per card. */
  function dupeMap() {
    const m = new Map();
    for (const d of ctx.store.list((x) => x.merged_into)) {
      if (!m.has(d.merged_into)) m.set(d.merged_into, []);
      m.get(d.merged_into).push(d);
    }
    return (id) => m.get(id) || [];
  }

  return {
    /** Draws the whole list again (after the first replay, a filter or a language change). */
    render() {
      const list = ctx.store.list(shown);
      const dupesOf = dupeMap();
      const keep = new Set(list.map((c) => c.id));
      for (const id of [...items.keys()]) if (!keep.has(id)) items.delete(id);
      const lis = list.map((c) => {
        const li = items.get(c.id) || build(c);
        update(li, c, dupesOf);
        return li;
      });
      ol.replaceChildren(...lis);
      return list.length;
    },
    /** One contribution arrived or changed: add, update or remove its item. */
    upsert(c) {
      if (!c) return;
      let li = items.get(c.id);
      if (!shown(c)) {
        if (li) {
          const focused = li.contains(document.activeElement);
          const next = li.nextElementSibling || li.previousElementSibling;
          li.remove();
          items.delete(c.id);
          if (focused) next?.querySelector('button, select')?.focus();
        }
        if (c.merged_into) this.upsert(ctx.store.get(c.merged_into));
        return;
      }
      if (!li) li = build(c);
      update(li, c);
      if (li.parentNode !== ol) place(li, c);
    },
    /** Theme names or sets changed: refresh every card's badge and select. */
    refresh() {
      const dupesOf = dupeMap();
      for (const [cid, li] of items) {
        const c = ctx.store.get(cid);
        if (c) update(li, c, dupesOf);
      }
    },
    /** Forgets every item, so the next render builds them again (a language change). */
    clear() {
      items.clear();
      ol.replaceChildren();
    },
    get size() {
      return items.size;
    },
  };
}

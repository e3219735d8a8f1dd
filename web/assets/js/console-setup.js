// The session's set-up, changed live from the console: the closing words the phones show
// after the last round, the grace period for late contributions, the wall's layout for a
// round of several questions, the tables (groups) and perspectives (added or renamed: their
// contributions follow the new name), and a copy of the whole session for the next meeting.

import { errorText } from './api.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';

/** @param {object} ctx  store, call(method, path, body), steer() */
export function createSetup(ctx) {
  const ui = {
    panel: $('#setup-panel'),
    form: $('#settings-form'),
    closing: $('#closing-text'),
    grace: $('#late-grace'),
    layout: $('#wall-layout'),
    shows: $('#wall-shows'),
    language: $('#session-language'),
    tables: $('#table-names'),
    perspectives: $('#perspective-names'),
    addTable: $('#add-table'),
    newTable: $('#new-table'),
    addPerspective: $('#add-perspective'),
    newPerspective: $('#new-perspective'),
    duplicate: $('#duplicate'),
    status: $('#setup-status'),
  };
  // Fields being edited are not overwritten by a change coming in from elsewhere.
  let dirty = false;

  const say = (text) => {
    ui.status.textContent = text;
  };
  const session = () => ctx.store?.session;

  async function run(method, path, body, done) {
    say('');
    try {
      const view = await ctx.call(method, path, body);
      if (view?.questions) ctx.store.update(view);
      say(done);
      return true;
    } catch (e) {
      say(errorText(e));
      return false;
    }
  }

  function nameRow(what, name, i) {
    const id = `rename-${what}-${i}`;
    const input = el('input', { attrs: { id, type: 'text', maxlength: 100, autocomplete: 'off', value: name } });
    const save = el('button', { class: 'btn btn-small', text: t('fac8.save_name'), attrs: { type: 'button', 'aria-label': t('fac8.save_name_named', { name }) } });
    const summary = el('summary', { text: t('fac8.rename'), attrs: { 'aria-label': t('fac8.rename_named', { name }) } });
    const details = el('details', { class: 'names__edit' }, summary, el('div', { class: 'inline-fields' }, el('div', { class: 'field' }, el('label', { text: t('fac8.new_name'), attrs: { for: id } }), input), save));
    save.addEventListener('click', async () => {
      const to = input.value.trim();
      if (!to || to === name) {
        input.focus();
        return;
      }
      const ok = await run('POST', '/rename', { what, from: name, to }, t('fac8.renamed', { from: name, to }));
      if (ok) document.querySelector(`[data-name-row="${what}:${CSS.escape(to)}"] summary`)?.focus();
    });
    return el('li', { class: 'names__item', data: { nameRow: `${what}:${name}` } }, el('span', { class: 'names__name', text: name }), details);
  }

  function renderNames(list, what, names) {
    // Only rebuilt when the names changed, so an open rename box stays open while typing.
    const sig = JSON.stringify([names, t('fac8.rename')]);
    if (list.dataset.sig === sig) return;
    list.dataset.sig = sig;
    list.replaceChildren(...names.map((n, i) => nameRow(what, n, i)));
  }

  function render() {
    const s = session();
    if (!s || !ctx.steer()) return;
    if (!dirty) {
      ui.closing.value = s.settings?.closing_text || '';
      ui.grace.value = String(s.settings?.late_grace_secs ?? 120);
      ui.layout.value = s.settings?.wall_layout || 'columns';
      ui.shows.value = s.settings?.wall_shows || 'table';
      ui.language.value = s.settings?.language || 'sv';
    }
    renderNames(ui.tables, 'table', s.tables || []);
    renderNames(ui.perspectives, 'perspective', s.perspectives || []);
  }

  for (const f of [ui.closing, ui.grace, ui.layout, ui.shows, ui.language]) f.addEventListener('input', () => (dirty = true));

  ui.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const grace = Number(ui.grace.value);
    if (!Number.isInteger(grace) || grace < 0 || grace > 1800) {
      say(t('fac8.bad_grace'));
      ui.grace.focus();
      return;
    }
    const body = {
      closing_text: ui.closing.value.trim(),
      late_grace_secs: grace,
      wall_layout: ui.layout.value,
      wall_shows: ui.shows.value,
      language: ui.language.value,
    };
    if (await run('PATCH', '', body, t('fac8.settings_saved'))) {
      dirty = false;
      render();
    }
  });

  function adder(form, input, key, what) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const name = input.value.trim();
      if (!name) {
        input.focus();
        return;
      }
      const list = session()[key] || [];
      if (await run('PATCH', '', { [key]: [...list, name] }, t(`fac8.added_${what}`, { name }))) {
        input.value = '';
        input.focus();
      }
    });
  }
  adder(ui.addTable, ui.newTable, 'tables', 'table');
  adder(ui.addPerspective, ui.newPerspective, 'perspectives', 'perspective');

  ui.duplicate.addEventListener('click', async () => {
    say(t('fac8.copying'));
    try {
      const copy = await ctx.call('POST', '/duplicate');
      // A new tab for the copy's console; when the browser blocks it, a link to press.
      const tab = window.open(copy.facilitator_url, '_blank');
      if (tab) tab.opener = null;
      const link = el('a', { text: t('fac8.open_copy'), attrs: { href: copy.facilitator_url, target: '_blank', rel: 'noopener' } }, el('span', { class: 'sr-only', text: t('common.new_window') }));
      ui.status.replaceChildren(t('fac8.copied_session', { code: copy.code }), ' ', link);
    } catch (err) {
      say(errorText(err));
    }
  });

  return {
    render,
    relabel() {
      ui.tables.dataset.sig = '';
      ui.perspectives.dataset.sig = '';
      render();
    },
  };
}

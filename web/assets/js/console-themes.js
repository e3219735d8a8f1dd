// The themes board: one question's cards grouped by theme. Create, rename and merge themes;
// drag cards between themes (the keyboard way is the "Tema" select in the list of
// contributions, see console-list.js). Sections are kept per theme and updated in place, so an
// open "Ändra tema" form keeps its focus and what was typed.

import { errorText } from './api.js';
import { $, el, fillSelect } from './dom.js';
import { formatNumber, t, tn } from './i18n.js';
import { dragCard, dropZone } from './console-drag.js';
import { visible } from './console-store.js';
import { numbered } from './session-apply.js';

/**
 * @param {object} ctx  store, call(method, path, body), announce(text), steer(), questionNumber(qid)
 */
export function createThemes(ctx) {
  const ui = {
    panel: $('#themes-panel'),
    question: $('#themes-question'),
    form: $('#theme-form'),
    name: $('#new-theme'),
    status: $('#themes-status'),
    board: $('#board'),
  };
  const sections = new Map();
  let chosen = '';
  let frame = 0;

  const questionId = () => chosen || ctx.store.session?.active_question_id || ctx.store.session?.questions[0]?.id || '';

  async function assign(cid, themeId) {
    const c = ctx.store.get(cid);
    if (!c || (c.theme_id || null) === (themeId || null)) return;
    try {
      await ctx.call('PUT', `/contributions/${encodeURIComponent(cid)}/theme`, { theme_id: themeId || null });
      const theme = themeId ? ctx.store.theme(themeId) : null;
      ctx.announce(theme ? t('fac4.moved_to', { name: theme.name }) : t('fac4.moved_out'));
    } catch (e) {
      ctx.announce(errorText(e));
    }
  }

  // Chips are kept per card: a redraw moves them rather than building them again.
  const chips = new Map();
  function chip(c) {
    let li = chips.get(c.id);
    if (li) return li;
    li = el('li', { class: 'chip', data: { card: c.id } }, el('span', { class: 'chip__text', text: c.text }));
    if (c.table) li.append(el('span', { class: 'chip__meta', text: c.table }));
    if (ctx.steer()) dragCard(li, c.id);
    chips.set(c.id, li);
    return li;
  }

  function fill(ul, lis) {
    const same = lis.length === ul.children.length && lis.every((li, i) => ul.children[i] === li);
    if (!same) ul.replaceChildren(...lis);
  }

  function editForm(section, theme) {
    const nameId = `theme-name-${theme.id}`;
    const mergeId = `theme-merge-${theme.id}`;
    const input = el('input', { attrs: { id: nameId, type: 'text', maxlength: 100, autocomplete: 'off' } });
    const rename = el('button', { class: 'btn btn-small', data: { rename: theme.id }, attrs: { type: 'button' } });
    const into = el('select', { attrs: { id: mergeId } });
    const merge = el('button', { class: 'btn btn-small', data: { mergeTheme: theme.id }, attrs: { type: 'button' } });
    rename.addEventListener('click', async () => {
      const name = input.value.trim();
      if (!name) return;
      try {
        await ctx.call('PATCH', `/themes/${encodeURIComponent(theme.id)}`, { name });
        ctx.announce(t('fac4.theme_renamed', { name }));
      } catch (e) {
        ctx.announce(errorText(e));
      }
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        rename.click();
      }
    });
    merge.addEventListener('click', async () => {
      const target = ctx.store.theme(into.value);
      if (!target) return;
      try {
        await ctx.call('POST', `/themes/${encodeURIComponent(theme.id)}/merge`, { into: target.id });
        ctx.announce(t('fac4.themes_merged', { from: theme.name, into: target.name }));
        $('#new-theme').focus();
      } catch (e) {
        ctx.announce(errorText(e));
      }
    });
    return el(
      'details',
      { class: 'theme__edit' },
      el('summary', { text: t('fac4.theme_edit') }),
      el('label', { text: t('fac4.theme_name'), attrs: { for: nameId } }),
      input,
      el('div', { class: 'actions' }, rename),
      el('label', { class: 'theme__merge-label', text: t('fac4.theme_merge_label'), attrs: { for: mergeId } }),
      into,
      el('div', { class: 'actions' }, merge),
    );
  }

  function section(theme) {
    const tid = theme ? theme.id : '';
    const headingId = `theme-h-${tid || 'none'}`;
    const s = el(
      'section',
      { class: theme ? 'theme' : 'theme theme--none', data: { themeId: tid }, attrs: { 'aria-labelledby': headingId } },
      el('h4', { class: 'theme__name', attrs: { id: headingId } }),
      el('p', { class: 'theme__count' }),
      el('ul', { class: 'theme__cards' }),
    );
    if (ctx.steer()) {
      dropZone(s, (cid) => assign(cid, tid || null));
      if (theme) s.append(editForm(s, theme));
    }
    return s;
  }

  function updateSection(s, theme, cards, themes) {
    s.querySelector('.theme__name').textContent = theme ? theme.name : t('fac4.theme_none');
    s.querySelector('.theme__count').textContent = tn('fac4.theme_count', cards.length);
    fill(s.querySelector('.theme__cards'), cards.map(chip));
    if (!theme || !ctx.steer()) return;
    const input = s.querySelector('input[type="text"]');
    if (document.activeElement !== input) input.value = theme.name;
    s.querySelector('summary').textContent = t('fac4.theme_edit');
    s.querySelector('label').textContent = t('fac4.theme_name');
    s.querySelector('.theme__merge-label').textContent = t('fac4.theme_merge_label');
    const rename = s.querySelector('[data-rename]');
    rename.textContent = t('fac4.rename');
    const others = themes.filter((x) => x.id !== theme.id).map((x) => [x.id, x.name]);
    const select = s.querySelector('select');
    fillSelect(select, others);
    const merge = s.querySelector('[data-merge-theme]');
    merge.textContent = t('fac4.merge_theme');
    merge.disabled = others.length === 0;
    select.disabled = others.length === 0;
  }

  function render() {
    frame = 0;
    const s = ctx.store.session;
    if (!s) return;
    const qid = questionId();
    const options = numbered(s).map(({ q, n }) => [q.id, t('fac.question_option', { n, text: q.text.length > 60 ? `${q.text.slice(0, 57)}…` : q.text })]);
    fillSelect(ui.question, options, qid);
    const themes = ctx.store.themesFor(qid);
    const cards = ctx.store.list((c) => c.question_id === qid && visible(c)).reverse();
    const byTheme = new Map([['', []], ...themes.map((x) => [x.id, []])]);
    for (const c of cards) (byTheme.get(c.theme_id || '') || byTheme.get('')).push(c);
    const wanted = [null, ...themes];
    const keep = new Set(wanted.map((x) => (x ? x.id : '')));
    for (const [tid, sec] of sections) {
      if (!keep.has(tid) || (tid && !ctx.store.theme(tid))) {
        sec.remove();
        sections.delete(tid);
      }
    }
    const list = wanted.map((theme) => {
      const tid = theme ? theme.id : '';
      let sec = sections.get(tid);
      if (!sec) {
        sec = section(theme);
        sections.set(tid, sec);
      }
      updateSection(sec, theme, byTheme.get(tid), themes);
      return sec;
    });
    const same = list.length === ui.board.children.length && list.every((x, i) => ui.board.children[i] === x);
    if (!same) ui.board.append(...list);
  }

  ui.question.addEventListener('change', () => {
    chosen = ui.question.value;
    for (const sec of sections.values()) sec.remove();
    sections.clear();
    render();
  });

  ui.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = ui.name.value.trim();
    ui.status.textContent = '';
    if (!name) {
      ui.status.textContent = t('fac4.theme_name_missing');
      ui.name.focus();
      return;
    }
    try {
      await ctx.call('POST', '/themes', { name, question_id: questionId() });
      ui.name.value = '';
      ui.status.textContent = t('fac4.theme_created', { name, n: formatNumber(ctx.questionNumber(questionId())) });
    } catch (err) {
      ui.status.textContent = errorText(err);
    }
  });

  return {
    /** Redraws on the next frame; many events in a burst make one redraw. */
    schedule() {
      if (!frame) frame = requestAnimationFrame(render);
    },
    render,
    assign,
    /** Shows question `qid` on the board (e.g. for its suggested themes). */
    show(qid) {
      if (qid === questionId()) return;
      chosen = qid;
      for (const sec of sections.values()) sec.remove();
      sections.clear();
      render();
    },
    questionId,
    relabel() {
      for (const sec of sections.values()) sec.remove();
      sections.clear();
      render();
    },
    setVisible(on) {
      ui.panel.hidden = !on;
    },
  };
}

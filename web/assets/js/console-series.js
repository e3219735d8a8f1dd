// The meeting's series and place, in one panel of the console that builds itself into
// <section id="series-panel">: the facilitator names the series and the place (shown in the
// report's header); both roles get a link to the series page and, for a later meeting of a
// series, what the earlier meetings said ("Förra gången sa vi …": each one's largest themes
// with a text or two). Self-contained, so the panel can move anywhere in the console.

import { api, errorText } from './api.js';
import { $, el } from './dom.js';
import { currentLang, t, tn } from './i18n.js';

/** @param {object} ctx  store, call(method, path, body), steer(), token */
export function createSeries(ctx) {
  const panel = $('#series-panel');
  let built = null;
  let detail = null;
  let loadedFor = '';
  let earlier = null;

  const session = () => ctx.store?.session || detail;

  function build() {
    const name = el('input', { attrs: { id: 'series-name', type: 'text', maxlength: 100, autocomplete: 'off', 'aria-describedby': 'series-name-hint' } });
    const place = el('input', { attrs: { id: 'meeting-place', type: 'text', maxlength: 200, autocomplete: 'off' } });
    const form = el(
      'form',
      { class: 'steer-only', attrs: { novalidate: true } },
      el('div', { class: 'field' }, el('label', { text: t('series.name'), attrs: { for: 'series-name' } }), name, el('p', { class: 'hint', text: t('series.name_hint'), attrs: { id: 'series-name-hint' } })),
      el('div', { class: 'field' }, el('label', { text: t('series.place'), attrs: { for: 'meeting-place' } }), place),
      el('button', { class: 'btn', text: t('series.save'), attrs: { type: 'submit' } }),
    );
    const status = el('p', { class: 'status-line', attrs: { role: 'status' } });
    const now = el('p', { class: 'hint' });
    const link = el('a', { class: 'btn', text: t('series.open_page'), attrs: { href: '/', target: '_blank', rel: 'noopener' } }, el('span', { class: 'sr-only', text: t('common.new_window') }));
    const list = el('div', { class: 'series-earlier__list' });
    const earlierBox = el('details', { class: 'series-earlier' }, el('summary', { text: t('series.earlier') }), list);
    panel.replaceChildren(el('h3', { text: t('series.heading'), attrs: { id: 'series-heading' } }), now, form, status, el('div', { class: 'actions' }, link), earlierBox);
    panel.setAttribute('aria-labelledby', 'series-heading');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      status.textContent = '';
      const body = { series: name.value.trim() || null, place: place.value.trim() || null };
      try {
        const view = await ctx.call('PATCH', '', body);
        if (view?.questions) ctx.store?.update(view);
        status.textContent = t('series.saved');
        render();
      } catch (err) {
        status.textContent = errorText(err);
      }
    });
    return { name, place, now, link, list, earlierBox, form };
  }

  function renderEarlier() {
    const mine = Date.parse(detail?.created_at || '');
    const before = (earlier?.meetings || []).filter((m) => m.id !== ctx.id && Date.parse(m.created_at) < mine);
    built.earlierBox.hidden = before.length === 0;
    built.list.replaceChildren(
      ...before.map((m) => {
        const heading = [m.title, new Intl.DateTimeFormat(currentLang(), { dateStyle: 'long' }).format(new Date(m.created_at)), m.place].filter(Boolean).join(' · ');
        const items = m.themes.map((th) =>
          el(
            'li',
            {},
            el('strong', { text: th.name }),
            ` (${tn('series.theme_count', th.count)})`,
            th.examples.length ? el('ul', { class: 'series-earlier__examples' }, ...th.examples.map((x) => el('li', { text: `”${x}”` }))) : null,
          ),
        );
        return el(
          'section',
          { class: 'series-earlier__meeting', attrs: { 'aria-label': heading } },
          el('h4', { text: heading }),
          el('p', { class: 'hint', text: tn('series.contributions', m.contributions) }),
          items.length ? el('ul', {}, ...items) : el('p', { class: 'hint', text: t('series.no_themes') }),
        );
      }),
    );
  }

  async function load(seriesId) {
    loadedFor = seriesId;
    earlier = null;
    try {
      earlier = (await api(`/api/series/${encodeURIComponent(seriesId)}`, { token: ctx.token })).data;
    } catch {
      // A series the console cannot read (should not happen for its own): nothing earlier shown.
      earlier = null;
    }
    if (loadedFor === seriesId) renderEarlier();
  }

  /** Draws the panel for the session as it is now (after the first load and every edit). */
  function render(d) {
    if (d) detail = d;
    if (!panel || !detail) return;
    built ||= build();
    const s = session();
    const series = s?.series || null;
    built.now.textContent = series
      ? t('series.member', { name: series.name }) + (s.place ? ` ${t('series.at_place', { place: s.place })}` : '')
      : t('series.none') + (s?.place ? ` ${t('series.at_place', { place: s.place })}` : '');
    if (document.activeElement !== built.name) built.name.value = series?.name || '';
    if (document.activeElement !== built.place) built.place.value = s?.place || '';
    built.link.hidden = !series;
    if (series) built.link.href = `/series/${encodeURIComponent(series.id)}#token=${encodeURIComponent(ctx.token || '')}`;
    if (!series) {
      loadedFor = '';
      earlier = null;
      built.earlierBox.hidden = true;
    } else if (loadedFor !== series.id) {
      built.earlierBox.hidden = true;
      load(series.id);
    } else {
      renderEarlier();
    }
    panel.hidden = false;
  }

  /** Builds the panel again in the page's (new) language. */
  function relabel() {
    if (!built) return;
    built = null;
    render();
  }

  return { render, relabel };
}

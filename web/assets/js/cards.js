// Table cards (/facilitator/{id}/cards#token=…): one printable card per table with the
// session's title, the table's name, its own QR code (which pre-selects the table on the
// phone), the join address and code, and the questions. A4, "Save as PDF" ready; 1, 2 or 4
// cards per page, each page its own sheet so page breaks fall between cards.

import { api, errorText, tokenFor } from './api.js';
import { $, el, markReady } from './dom.js';
import { initI18n, onLangChange, t, tn, useSessionLang } from './i18n.js';
import { forTable, numbered } from './session-apply.js';
import { loadLocal, saveLocal } from './storage.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`console.${id}`);
const base = `/api/sessions/${encodeURIComponent(id)}`;
const PER_PAGE_KEY = 'inspel.cards.per_page';

const ui = {
  sheets: $('#sheets'),
  perPage: $('#per-page'),
  print: $('#print'),
  problem: $('#problem'),
  count: $('#cards-count'),
};

let session = null;

function card(table, i) {
  const qr = `${base}/qr.svg${table ? `?table=${encodeURIComponent(table)}` : ''}`;
  const headingId = `card-${i}`;
  const url = session.join_url.replace(/^https?:\/\//, '');
  return el(
    'article',
    { class: 'tcard', data: { table: table || '' }, attrs: { 'aria-labelledby': headingId } },
    el('p', { class: 'tcard__title', text: session.title }),
    el('h2', { class: 'tcard__table', text: table || t('fac4.cards_all_tables'), attrs: { id: headingId } }),
    el(
      'div',
      { class: 'tcard__body' },
      el(
        'div',
        { class: 'tcard__join' },
        el('img', {
          class: 'tcard__qr',
          attrs: { src: qr, alt: t('fac4.cards_qr_alt', { table: table || t('fac4.cards_all_tables') }), width: 240, height: 240 },
        }),
        el('p', { class: 'tcard__scan', text: t('fac4.cards_scan') }),
      ),
      el(
        'div',
        { class: 'tcard__questions' },
        el('h3', { text: t('fac4.cards_questions') }),
        // A table's card lists the questions for it (a group's own and those for everyone).
        el('ol', {}, ...numbered(session).filter(({ q }) => !table || forTable(q, table)).map(({ q, n }) => el('li', { text: q.text, attrs: { value: n } }))),
      ),
    ),
    el(
      'p',
      { class: 'tcard__foot' },
      el('span', {}, t('fac4.cards_or'), ' ', el('strong', { class: 'tcard__url', text: url })),
      el('span', {}, t('fac4.cards_code'), ' ', el('strong', { class: 'code tcard__code', text: session.code })),
    ),
  );
}

function render() {
  if (!session) return;
  const per = Number(ui.perPage.value) || 2;
  const tables = session.tables.length ? session.tables : [null];
  const cards = tables.map((x, i) => card(x, i));
  const pages = [];
  for (let i = 0; i < cards.length; i += per) {
    pages.push(el('div', { class: `sheet sheet--${per}` }, ...cards.slice(i, i + per)));
  }
  ui.sheets.replaceChildren(...pages);
  ui.count.textContent = tn('fac4.cards_count', cards.length, { pages: pages.length });
  document.title = `${session.title} – ${t('fac4.cards_doc_title')}`;
}

function problem(text) {
  ui.problem.textContent = text;
  ui.problem.hidden = false;
  markReady();
}

async function main() {
  await initI18n();
  const saved = loadLocal(PER_PAGE_KEY);
  if (['1', '2', '4'].includes(saved)) ui.perPage.value = saved;
  if (!token) {
    problem(t('fac.no_token'));
    return;
  }
  try {
    session = (await api(base, { token })).data;
  } catch (e) {
    problem(errorText(e));
    return;
  }
  await useSessionLang(session.settings?.language);
  render();
  markReady();
}

ui.perPage.addEventListener('change', () => {
  saveLocal(PER_PAGE_KEY, ui.perPage.value);
  render();
});
ui.print.addEventListener('click', () => window.print());
onLangChange(render);

main();

// The series page (/series/{id}#token=…): the meetings of a series with their dates, places
// and counts, each linking to its secretary page, and the whole series as one Word, Excel or
// CSV file. Read with the admin token, or the facilitator's or secretary's token of any
// meeting in the series.

import { api, download, errorText, tokenFor } from './api.js';
import { $, el, markReady } from './dom.js';
import { currentLang, formatNumber, initI18n, onLangChange, t, tn } from './i18n.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`series.${id}`);
const base = `/api/series/${encodeURIComponent(id)}`;
let series = null;

function showProblem(text) {
  const p = $('#problem');
  p.textContent = text;
  p.hidden = false;
  $('#series').hidden = true;
  markReady();
}

/** "8 november 2026" in the page's language, from the meeting's local date. */
function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLang(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function render() {
  if (!series) return;
  $('#title').textContent = series.name;
  document.title = `${series.name} – ${t('series.doc_title')}`;
  const total = series.meetings.reduce((n, m) => n + m.contributions, 0);
  $('#summary').textContent = `${tn('series.meetings', series.meetings.length)} · ${tn('series.contributions', total)}`;
  const rows = series.meetings.map((m) => {
    const link = el('a', { text: m.title, attrs: { href: m.secretary_url } });
    const date = el('time', { text: longDate(m.date), attrs: { datetime: m.date } });
    return el(
      'tr',
      {},
      el('th', { attrs: { scope: 'row' } }, link),
      el('td', {}, date),
      el('td', { text: m.place || '–' }),
      el('td', { class: 'num', text: formatNumber(m.contributions) }),
      el('td', { class: 'num', text: formatNumber(m.phones) }),
    );
  });
  $('#meetings').replaceChildren(...rows);
}

function exportQuery() {
  const q = new URLSearchParams({ lang: currentLang(), group: $('#export-group').value });
  if ($('#export-hidden').checked) q.set('include_hidden', 'true');
  return q.toString();
}

for (const ext of ['docx', 'xlsx', 'csv']) {
  $(`#export-${ext}`).addEventListener('click', async () => {
    const status = $('#export-status');
    status.textContent = t('fac.export_working');
    try {
      await download(`${base}/export.${ext}?${exportQuery()}`, token, `inspel-${id}.${ext}`);
      status.textContent = t('fac.export_done');
    } catch (e) {
      status.textContent = errorText(e);
    }
  });
}

async function main() {
  await initI18n();
  $('#title').textContent = t('series.doc_title');
  if (!token) {
    showProblem(t('fac.no_token'));
    return;
  }
  try {
    series = (await api(base, { token })).data;
  } catch (e) {
    showProblem(errorText(e));
    return;
  }
  $('#series').hidden = false;
  render();
  markReady();
}

onLangChange(render);

main();

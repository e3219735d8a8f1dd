// The printable meeting report (/secretary/{id}/report#token=…): fetches the report the
// server renders (/api/sessions/{id}/report.html, with the secretary's or facilitator's
// token) and shows it, ready for "Skriv ut / Spara som PDF". The server escapes every text
// in it and it holds no script; it is parsed with DOMParser (which runs nothing) and its
// nodes are moved into this page, whose CSP blocks any inline script or style anyway.

import { ApiError, errorText, tokenFor } from './api.js';
import { $, markReady } from './dom.js';
import { currentLang, initI18n, onLangChange, t } from './i18n.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = tokenFor(`console.${id}`);
const slot = $('#report');
const group = $('#report-group');
const hidden = $('#report-hidden');
const status = $('#report-status');
const params = new URLSearchParams(location.search);

function showProblem(text) {
  const p = $('#problem');
  p.textContent = text;
  p.hidden = false;
  slot.removeAttribute('aria-busy');
  markReady();
}

async function load() {
  slot.setAttribute('aria-busy', 'true');
  status.textContent = t('report.loading');
  const query = new URLSearchParams({ lang: currentLang(), group: group.value, include_hidden: hidden.checked });
  let res;
  try {
    res = await fetch(`/api/sessions/${encodeURIComponent(id)}/report.html?${query}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    showProblem(errorText(new ApiError(0, null)));
    return;
  }
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON: the status is all there is
    }
    showProblem(errorText(new ApiError(res.status, body)));
    return;
  }
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const report = doc.getElementById('report');
  slot.replaceChildren(...Array.from(report ? report.childNodes : [], (n) => document.importNode(n, true)));
  const title = slot.querySelector('h1');
  document.title = `${title ? title.textContent : ''} – ${t('report.doc_title')}`;
  slot.removeAttribute('aria-busy');
  status.textContent = '';
  markReady();
}

async function main() {
  await initI18n();
  if (params.get('group') === 'table') group.value = 'table';
  hidden.checked = params.get('include_hidden') === 'true';
  if (!token) {
    showProblem(t('fac.no_token'));
    return;
  }
  await load();
}

$('#report-print').addEventListener('click', () => window.print());
group.addEventListener('change', load);
hidden.addEventListener('change', load);
onLangChange(() => {
  if (token && document.body.dataset.ready) load();
});

main();

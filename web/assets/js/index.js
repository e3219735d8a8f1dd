// The start page: type a join code, go to its phone page.

import { $, markReady } from './dom.js';
import { initI18n, t } from './i18n.js';

$('#code-form').addEventListener('submit', (e) => {
  e.preventDefault();
  // Same normalisation as the server: spaces and dashes do not matter, nor case.
  const code = $('#code').value.replace(/[\s-]/g, '').toUpperCase();
  if (!code) {
    $('#code-status').textContent = t('index.code_empty');
    $('#code').focus();
    return;
  }
  location.assign(`/j/${encodeURIComponent(code)}`);
});

// A code typed into the address bar as /?code=… (the form without JavaScript) still works.
const fromQuery = new URLSearchParams(location.search).get('code');
if (fromQuery) $('#code').value = fromQuery;

initI18n().then(markReady);

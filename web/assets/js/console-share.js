// Sharing and exports in the console: the join link and code, the QR code (for the whole
// room or one table), the wall and secretary links to copy, and the export downloads.

import { download, errorText } from './api.js';
import { copyText } from './clipboard.js';
import { $, fillSelect } from './dom.js';
import { currentLang, onLangChange, t } from './i18n.js';

/** @param {object} ctx  path (the session's API base), token, steer() */
export function createShare(ctx) {
  const ui = {
    share: $('#share'),
    qrTable: $('#qr-table'),
    copyStatus: $('#copy-status'),
    exportStatus: $('#export-status'),
  };
  let detail = null;

  function qrPath(ext) {
    const table = ui.qrTable.value;
    return `${ctx.path}/qr.${ext}${table ? `?table=${encodeURIComponent(table)}` : ''}`;
  }

  function renderQrLinks() {
    const tableSlug = ui.qrTable.value ? `-${ui.qrTable.value.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}` : '';
    for (const ext of ['png', 'svg']) {
      const a = $(`#qr-${ext}`);
      a.href = qrPath(ext);
      a.download = `inspel-${detail.code.toLowerCase()}${tableSlug}.${ext}`;
    }
  }

  /** Shows the links of `d` (the session as GET answers it) and a QR choice per table. */
  function render(d, tables) {
    detail = d;
    if (!ctx.steer() || !d.links) {
      ui.share.hidden = true;
      return;
    }
    ui.share.hidden = false;
    const links = d.links;
    $('#join-link').href = links.join_url;
    $('#join-link').textContent = links.join_url;
    $('#join-code').textContent = d.code;
    $('#open-wall').href = links.wall_url;
    $('#qr-preview').src = `${ctx.path}/qr.svg`;
    $('#qr-preview').alt = t('wall.qr_alt', { url: links.join_url });
    $('#link-join').value = links.join_url;
    $('#link-wall').value = links.wall_url;
    $('#link-secretary').value = links.secretary_url;
    $('#link-facilitator').value = links.facilitator_url;
    fillSelect(ui.qrTable, [['', t('fac.qr_all_tables')], ...tables.map((x) => [x, x])]);
    ui.qrTable.closest('.field').hidden = tables.length === 0;
    renderQrLinks();
  }

  function wireCopy(button, pick) {
    button.addEventListener('click', async () => {
      const ok = await copyText(pick());
      ui.copyStatus.textContent = t(ok ? 'fac.copied' : 'fac.copy_failed');
    });
  }

  /** The export options chosen on the page, in the page's language, as a query string. */
  function exportQuery() {
    const q = new URLSearchParams({ lang: currentLang(), group: $('#export-group').value });
    if ($('#export-hidden').checked) q.set('include_hidden', 'true');
    return q.toString();
  }

  /** The printable report opens in a new tab; its token travels in the fragment, as in every link. */
  function renderPrintLink() {
    $('#export-print').href = `/secretary/${encodeURIComponent(ctx.id)}/report?${exportQuery()}#token=${encodeURIComponent(ctx.token || '')}`;
  }

  function wireExport(button, ext) {
    button.addEventListener('click', async () => {
      ui.exportStatus.textContent = t('fac.export_working');
      try {
        await download(`${ctx.path}/export.${ext}?${exportQuery()}`, ctx.token, `inspel-${detail.code.toLowerCase()}.${ext}`);
        ui.exportStatus.textContent = t('fac.export_done');
      } catch (e) {
        ui.exportStatus.textContent = errorText(e);
      }
    });
  }

  wireCopy($('#copy-join'), () => detail.links.join_url);
  wireCopy($('#copy-wall'), () => detail.links.wall_url);
  wireCopy($('#copy-secretary'), () => detail.links.secretary_url);
  wireExport($('#export-docx'), 'docx');
  wireExport($('#export-xlsx'), 'xlsx');
  wireExport($('#export-csv'), 'csv');
  wireExport($('#export-json'), 'json');
  wireExport($('#export-md'), 'md');
  renderPrintLink();
  $('#export-group').addEventListener('change', renderPrintLink);
  $('#export-hidden').addEventListener('change', renderPrintLink);
  onLangChange(renderPrintLink);
  ui.qrTable.addEventListener('change', renderQrLinks);

  return { render };
}

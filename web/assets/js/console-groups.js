// Tables and groups: the link to the printable table cards, and for each table a wall that
// shows only that table's contributions (for a discussion leader of parallel group talks).

import { $, el } from './dom.js';
import { copyText } from './clipboard.js';
import { t } from './i18n.js';

/** The wall link filtered to `table`: /wall/{id}?table=…#token=… */
export function tableWallUrl(wallUrl, table) {
  const u = new URL(wallUrl, location.href);
  return `${u.origin}${u.pathname}?table=${encodeURIComponent(table)}${u.hash}`;
}

/** @param {object} ctx  id, token */
export function createGroups(ctx) {
  const ui = {
    panel: $('#tables-panel'),
    cards: $('#cards-link'),
    list: $('#group-links'),
    none: $('#group-none'),
    status: $('#group-status'),
  };

  function item(table, wallUrl) {
    const url = tableWallUrl(wallUrl, table);
    const open = el(
      'a',
      { class: 'btn btn-small', data: { groupWall: table }, attrs: { href: url, target: '_blank', rel: 'noopener', 'aria-label': t('fac4.group_open_named', { name: table }) } },
      t('fac4.group_open'),
    );
    const copy = el('button', {
      class: 'btn btn-small',
      text: t('fac4.group_copy'),
      data: { groupCopy: table },
      attrs: { type: 'button', 'aria-label': t('fac4.group_copy_named', { name: table }) },
    });
    copy.addEventListener('click', async () => {
      const ok = await copyText(url);
      ui.status.textContent = ok ? t('fac4.group_copied', { name: table }) : t('fac.copy_failed');
    });
    return el('li', { class: 'group' }, el('span', { class: 'group__name', text: table }), el('span', { class: 'actions group__actions' }, open, copy));
  }

  return {
    render(detail, tables) {
      if (detail.role !== 'facilitator' || !detail.links) {
        ui.panel.hidden = true;
        return;
      }
      ui.panel.hidden = false;
      ui.cards.href = `/facilitator/${encodeURIComponent(ctx.id)}/cards#token=${encodeURIComponent(ctx.token)}`;
      ui.list.replaceChildren(...tables.map((x) => item(x, detail.links.wall_url)));
      ui.none.hidden = tables.length > 0;
    },
  };
}

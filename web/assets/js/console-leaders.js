// The tables' discussion leaders' links (facilitator, under "Före" beside the table cards):
// one per table, each opening the page where that table's leader writes a short summary per
// question for the report. The server makes the links (their tokens derive from the
// facilitator's), so they are fetched again when the tables change: a renamed table gets a
// new link and the old one stops working.

import { errorText } from './api.js';
import { copyText } from './clipboard.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';

/** @param {object} ctx  call(method, path), steer() */
export function createLeaders(ctx) {
  const ui = { list: $('#leader-links'), status: $('#leader-links-status'), hint: $('#leader-links-hint') };
  let links = [];
  let asked = '';

  function item({ table, url }) {
    const open = el(
      'a',
      { class: 'btn btn-small', data: { leaderOpen: table }, attrs: { href: url, target: '_blank', rel: 'noopener', 'aria-label': t('leader.open_named', { name: table }) } },
      t('leader.open'),
    );
    const copy = el('button', {
      class: 'btn btn-small',
      text: t('leader.copy'),
      data: { leaderCopy: table },
      attrs: { type: 'button', 'aria-label': t('leader.copy_named', { name: table }) },
    });
    copy.addEventListener('click', async () => {
      const ok = await copyText(url);
      ui.status.textContent = ok ? t('leader.copied', { name: table }) : t('fac.copy_failed');
    });
    return el('li', { class: 'group' }, el('span', { class: 'group__name', text: table }), el('span', { class: 'actions group__actions' }, open, copy));
  }

  function paint() {
    ui.list.replaceChildren(...links.map(item));
    ui.list.hidden = links.length === 0;
  }

  /** Fetches the links when the tables are not those last asked about; paints them. */
  async function render(tables) {
    if (!ctx.steer()) return;
    const sig = JSON.stringify(tables || []);
    if (sig === asked) {
      paint();
      return;
    }
    asked = sig;
    try {
      links = await ctx.call('GET', '/leader-links');
      paint();
    } catch (e) {
      asked = '';
      ui.status.textContent = errorText(e);
    }
  }

  return { render, relabel: paint };
}

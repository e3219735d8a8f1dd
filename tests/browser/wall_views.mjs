// Scenario: the wall by theme, by table and as a word cloud. `?view=theme` opens the theme
// view; themes created, filled, renamed and merged live move the cards under their headings;
// `?table=Bord 2` opens a group's own wall; the word cloud is fetched with the wall's token
// and refreshed at most every 5 s while contributions arrive.
import { DESKTOP, SESSION, card, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { contribute, fac } from './facil.mjs';

const FIXTURE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"><text x="10" y="50" font-size="30">barn</text></svg>';

await scenario('wall_views', async (h) => {
  const a = await contribute('Barnens röst tidigt i processen.', { table: 'Bord 1' });
  const b = await contribute('Skolan måste vara med från början.', { table: 'Bord 2' });
  const c = await contribute('Fler vägar in i föreningslivet.', { table: 'Bord 2' });
  const t1 = await fac('POST', '/themes', { name: 'Delaktighet', question_id: 'q1' });
  await fac('PUT', `/contributions/${a.id}/theme`, { theme_id: t1.id });

  const ctx = await h.context(DESKTOP);
  const url = new URL(SESSION.wall_url);
  url.search = '?view=theme';
  const wall = await h.open(ctx, url.href, 'wall by theme');
  await ready(wall, 'the wall');
  h.check((await wall.$eval('select#view', (s) => s.value)) === 'theme', '?view=theme did not select the theme view');
  const inGroup = (g, id) => `[data-theme-group="${g}"] .card[data-id="${id}"]`;
  await waitFor(wall, inGroup(t1.id, a.id), 'the card is not under its theme heading');
  await waitFor(wall, inGroup('', b.id), 'a card without a theme is not under "no theme"');
  const heading = (g) => wall.$eval(`[data-theme-group="${g}"] .group__head`, (n) => n.textContent);
  h.check((await heading(t1.id)).includes('Delaktighet'), 'the theme heading does not name the theme');

  // Live: a new theme, a card put in it, renamed, merged into the first.
  const t2 = await fac('POST', '/themes', { name: 'Skola', question_id: 'q1' });
  await fac('PUT', `/contributions/${b.id}/theme`, { theme_id: t2.id });
  await waitFor(wall, inGroup(t2.id, b.id), 'a card put in a new theme did not move under it');
  await fac('PATCH', `/themes/${t2.id}`, { name: 'Skolan och förskolan' });
  await waitUntil(wall, (g) => document.querySelector(`[data-theme-group="${g}"] .group__head`)?.textContent.includes('Skolan och förskolan'), t2.id, 'a renamed theme kept its old heading');
  await fac('POST', `/themes/${t2.id}/merge`, { into: t1.id });
  await waitFor(wall, inGroup(t1.id, b.id), 'after merging themes the card did not move to the remaining theme');
  h.check((await wall.locator(`[data-theme-group="${t2.id}"]`).count()) === 0, 'a merged theme still has a heading');

  // By table.
  await wall.selectOption('select#view', 'table');
  await waitFor(wall, `[data-table-group="Bord 2"] .card[data-id="${c.id}"]`, 'the table view does not group the card under its table');

  // A discussion leader's wall: ?table=Bord 2.
  const group = new URL(SESSION.wall_url);
  group.search = `?table=${encodeURIComponent('Bord 2')}`;
  const leader = await h.open(await h.context(DESKTOP), group.href, 'group wall');
  await ready(leader, 'the group wall');
  h.check((await leader.$eval('select#table-filter', (s) => s.value)) === 'Bord 2', '?table=Bord 2 did not pre-select the table filter');
  await card(leader, c.id);
  h.check((await leader.locator(`#cards .card[data-id="${a.id}"]`).count()) === 0, 'the group wall shows another table\'s card');

  // The word cloud: the real endpoint when the server has it, else a stand-in with its contract.
  const cloudUrl = `/api/sessions/${SESSION.id}/questions/q1/wordcloud.svg`;
  const real = await fetch(new URL(cloudUrl, url).href, { headers: { authorization: `Bearer ${SESSION.wall_token}` } });
  const fetches = [];
  await wall.route(`**${cloudUrl}`, async (route) => {
    fetches.push(route.request().headers().authorization);
    if (real.ok) await route.continue();
    else await route.fulfill({ status: 200, contentType: 'image/svg+xml', body: FIXTURE });
  });
  console.log(`word cloud endpoint: HTTP ${real.status}${real.ok ? '' : ' (testing against a stand-in)'}`);
  await wall.selectOption('select#view', 'cloud');
  await waitUntil(wall, () => { const i = document.querySelector('img#wordcloud'); return i && !i.hidden && i.complete && i.naturalWidth > 0; }, null, 'img#wordcloud never showed the word cloud');
  h.check(fetches[0] === `Bearer ${SESSION.wall_token}`, `the word cloud was not fetched with the wall's token (${fetches[0]})`);
  h.check((await wall.$eval('img#wordcloud', (i) => i.src)).startsWith('data:image/svg+xml'), 'the word cloud is not shown from a data: URL');
  h.check(await wall.isHidden('#cards'), 'the cards still show in the word cloud view');
  for (const text of ['Barn och unga först.', 'Barnen ska höras.', 'Fler barn i föreningar.']) await contribute(text);
  await wall.waitForTimeout(2000);
  h.check(fetches.length === 1, `the word cloud was fetched ${fetches.length} times within 2 s (at most every 5 s)`);
  await wall.waitForTimeout(4000);
  h.check(fetches.length === 2, `the word cloud was fetched ${fetches.length} times, not refreshed once after new contributions`);
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

// Scenario: moderation reaches the wall at once. A hidden card leaves (even while the wall is
// paused) and comes back when restored; a pinned card is marked and stays first; a duplicate
// folded into another card leaves, and the other card shows "×2".
import { DESKTOP, SESSION, assert, card, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { contribute, fac } from './facil.mjs';

await scenario('wall_moderation', async (h) => {
  const a = await contribute('Barnens röst tidigt i processen.', { table: 'Bord 1' });
  const b = await contribute('Skolan måste vara med från början.', { table: 'Bord 2' });
  const c = await contribute('Fler vägar in i föreningslivet.', { table: 'Bord 3' });
  const dup = await contribute('Fler vägar in i föreningslivet!', { table: 'Bord 1' });

  const ctx = await h.context(DESKTOP);
  const wall = await h.open(ctx, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  for (const x of [a, b, c, dup]) await card(wall, x.id);
  const count = () => wall.evaluate(() => document.querySelector('#count').textContent.trim());
  assert.equal(await count(), '4', '#count before moderation');

  const sel = (id) => `#cards .card[data-id="${id}"]`;
  await fac('POST', `/contributions/${a.id}/hide`);
  await waitFor(wall, sel(a.id), 'a hidden card stayed on the wall', { state: 'detached' });
  await waitUntil(wall, () => document.querySelector('#count').textContent.trim() === '3', null, '#count did not drop to 3 after hiding');

  await fac('POST', `/contributions/${a.id}/restore`);
  await waitFor(wall, sel(a.id), 'a restored card did not come back');

  await fac('POST', `/contributions/${b.id}/pin`);
  await waitFor(wall, `${sel(b.id)}[data-pinned="true"]`, 'a pinned card is not marked data-pinned="true"');
  const first = await wall.evaluate(() => document.querySelector('#cards .card[data-id]')?.dataset.id);
  h.check(first === b.id, `the pinned card is not the first card on the wall (first is ${first})`);
  const big = await wall.evaluate((s) => {
    const pinned = document.querySelector(`${s} .card__text`);
    const other = document.querySelector('#cards .card:not([data-pinned="true"]) .card__text');
    return parseFloat(getComputedStyle(pinned).fontSize) > parseFloat(getComputedStyle(other).fontSize);
  }, sel(b.id));
  h.check(big, 'the pinned card is not shown larger than the others');

  await fac('POST', `/contributions/${dup.id}/merge`, { into: c.id });
  await waitFor(wall, sel(dup.id), 'a merged duplicate stayed on the wall', { state: 'detached' });
  await waitUntil(wall, (s) => document.querySelector(s)?.textContent.includes('×2'), sel(c.id), 'the card a duplicate was merged into does not show ×2');

  // Paused: new cards wait, but a hidden card still leaves at once.
  await wall.click('button#pause');
  await waitFor(wall, 'button#pause[aria-pressed="true"]', 'the wall did not pause');
  const later = await contribute('Ett inspel som kommer under pausen.');
  await fac('POST', `/contributions/${c.id}/hide`);
  // The hide was logged after `later`: with the hidden card gone, `later` has been handled too.
  await waitFor(wall, sel(c.id), 'a card hidden while the wall was paused stayed', { state: 'detached' });
  h.check((await wall.locator(sel(later.id)).count()) === 0, 'a new card appeared while the wall was paused');
  await wall.click('button#pause');
  await waitFor(wall, sel(later.id), 'the card that came during the pause did not appear after resuming');

  await fac('POST', `/contributions/${b.id}/unpin`);
  await waitFor(wall, `${sel(b.id)}[data-pinned="false"]`, 'an unpinned card is still marked pinned');
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

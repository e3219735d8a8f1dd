// Scenario: the facilitator hides a card in the console and it leaves the wall at once;
// restoring brings it back; pinning marks it in the console. All with the console's own
// buttons (li[data-id] button[data-mod]).
import { DESKTOP, SESSION, card, missingKeys, ready, scenario, waitFor } from './lib.mjs';
import { announced, openConsole, phoneSays } from './console_helpers.mjs';

await scenario('console_hide', async (h) => {
  const keep = await phoneSays('Skolan måste vara med från början.', { table: 'Bord 1' });
  const bad = await phoneSays('Det här kortet ska bort från storbilden.', { table: 'Bord 2' });

  const wall = await h.open(await h.context(DESKTOP), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  await card(wall, keep.id);
  await card(wall, bad.id);

  const fac = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));
  const item = `#contributions li[data-id="${bad.id}"]`;
  await waitFor(fac, `${item} button[data-mod="hide"]`, 'the console list has no hide button on the card');
  await fac.click(`${item} button[data-mod="hide"]`);

  await waitFor(wall, `#cards .card[data-id="${bad.id}"]`, 'the hidden card is still on the wall', { state: 'detached' });
  await waitFor(wall, `#cards .card[data-id="${keep.id}"]`, 'hiding one card took another off the wall');
  await waitFor(fac, `${item} button[data-mod="restore"]`, 'the hidden card has no restore button in the console');
  h.check(await announced(fac, 'dolt'), 'hiding was not announced in #action-announce');
  // Focus stays on the button that was pressed, now "restore".
  const focused = await fac.evaluate(() => document.activeElement?.dataset?.mod ?? null);
  h.check(focused === 'restore', `after hiding, focus is on "${focused}", not on the same button (now restore)`);

  await fac.click(`${item} button[data-mod="restore"]`);
  await waitFor(wall, `#cards .card[data-id="${bad.id}"]`, 'the restored card did not come back to the wall');

  await fac.click(`${item} button[data-mod="pin"]`);
  await waitFor(fac, `${item}.contrib--pinned button[data-mod="unpin"]`, 'pinning did not mark the card pinned in the console');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

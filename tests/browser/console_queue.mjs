// Scenario: pre-moderation from the console. The facilitator switches it on (#premoderation)
// and adds a blocked word (#blocked-words, #save-blocked); a phone's contribution waits in the
// queue (#queue) and not on the wall, a flagged one shows its word; approving from the queue
// puts it on the wall, hiding from the queue keeps it off.
import { DESKTOP, SESSION, api, card, missingKeys, ready, scenario, waitFor } from './lib.mjs';
import { openConsole, phoneSays } from './console_helpers.mjs';
import { settle } from './facil.mjs';

await scenario('console_queue', async (h) => {
  const wall = await h.open(await h.context(DESKTOP), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const fac = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));

  await fac.check('#premoderation');
  await fac.fill('#blocked-words', 'tönt\nklantskalle');
  await fac.click('#save-blocked');
  await fac.waitForFunction(() => /2/.test(document.querySelector('#moderation-status')?.textContent ?? ''), null, { timeout: 10_000 });
  const settings = await api(`/api/sessions/${SESSION.id}/moderation`, SESSION.facilitator_token);
  h.check(settings.premoderation === true, `the console's switch did not turn pre-moderation on: ${JSON.stringify(settings)}`);
  h.check(
    JSON.stringify(settings.blocked_words) === JSON.stringify(['tönt', 'klantskalle']),
    `the saved blocked words are ${JSON.stringify(settings.blocked_words)}`,
  );

  const good = await phoneSays('Barnens röst måste höras tidigt.', { table: 'Bord 1' });
  const rude = await phoneSays('Vilken klantskalle som skrev det här.', { table: 'Bord 2' });
  const waiting = (id) => `#queue li[data-id="${id}"]`;
  await waitFor(fac, waiting(good.id), 'a contribution under pre-moderation never showed in the console queue (#queue)');
  await waitFor(fac, `${waiting(rude.id)} mark`, 'the queue does not show the flagged word of a blocked contribution');
  const flagged = (await fac.textContent(`${waiting(rude.id)} mark`))?.trim();
  h.check(flagged === 'klantskalle', `the queue shows the flagged word "${flagged}", not "klantskalle"`);
  h.check((await fac.textContent('#queue-count'))?.trim() === '2', 'the queue count is not 2');
  h.check((await wall.locator(`#cards .card[data-id="${good.id}"]`).count()) === 0, 'a waiting contribution is on the wall before approval');

  await fac.click(`${waiting(good.id)} button[data-mod="approve"]`);
  await card(wall, good.id);
  await waitFor(fac, waiting(good.id), 'the approved contribution stayed in the queue', { state: 'detached' });
  await waitFor(fac, `#contributions li[data-id="${good.id}"]`, 'the approved contribution is not in the console list');

  await fac.click(`${waiting(rude.id)} button[data-mod="hide"]`);
  await waitFor(fac, waiting(rude.id), 'the rejected contribution stayed in the queue', { state: 'detached' });
  await settle(wall);
  h.check((await wall.locator(`#cards .card[data-id="${rude.id}"]`).count()) === 0, 'a contribution hidden from the queue reached the wall');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

// Scenario 4: a contribution queued offline survives a reload made while still offline, and is
// sent once when the network comes back.
import { PHONE, SESSION, exported, itemState, ready, scenario, submit, waitFor } from './lib.mjs';

await scenario('reload_queue', async (h) => {
  // The page served through the test below has no address of its own, so Chromium's local
  // network access checks would take it for a public page and keep it from this loopback
  // server; the real page comes from the server itself. Grant what it would not need.
  const phoneCtx = await h.context({ ...PHONE, permissions: ['local-network-access'] });
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');

  await phoneCtx.setOffline(true);
  const text = 'Skrivet i källaren utan täckning.';
  const id = await submit(phone, text);
  await itemState(phone, id, 'waiting');

  // Reload while offline. The browser cannot fetch the page itself now; stand in for a cache
  // (as a service worker would be) by serving the page and its assets from the server through
  // the test. The API and the websocket stay offline.
  const offlineCache = async (route) => route.fulfill({ response: await route.fetch() });
  await phone.route((u) => !u.pathname.startsWith('/api/') && !u.pathname.startsWith('/ws/'), offlineCache);
  await phone.reload({ waitUntil: 'load' });
  await waitFor(
    phone,
    `#mine li[data-id="${id}"][data-state="waiting"]`,
    'after a reload offline, ul#mine no longer lists the waiting contribution',
  );
  await waitFor(phone, '#conn[data-state="offline"], #conn[data-state="connecting"]', 'after a reload offline, #conn is not offline or connecting').catch(
    (e) => h.check(false, e.message),
  );

  await phone.unrouteAll({ behavior: 'wait' });
  await phoneCtx.setOffline(false);
  await itemState(phone, id, 'sent');
  const items = await phone.locator(`#mine li[data-id="${id}"]`).count();
  h.check(items === 1, `ul#mine lists ${items} items for ${id}, not 1`);

  const data = await exported();
  const rows = data.contributions.filter((c) => c.id === id);
  h.check(rows.length === 1, `export.json holds ${rows.length} contributions with id ${id}, not 1`);
  h.check(rows[0]?.text === text, `export.json has "${rows[0]?.text}", not "${text}"`);
  h.check(data.contributions.length === 1, `export.json holds ${data.contributions.length} contributions, not 1`);
});

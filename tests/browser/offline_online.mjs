// Scenario 3: a phone without network queues two contributions and sends them, each once,
// when the network comes back.
import {
  DESKTOP, PHONE, SESSION, card, cardCount, exported, itemState, ready, scenario, submit, waitFor,
} from './lib.mjs';

await scenario('offline_online', async (h) => {
  const wallCtx = await h.context(DESKTOP);
  const wall = await h.open(wallCtx, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');

  const phoneCtx = await h.context(PHONE);
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  await waitFor(phone, '#conn[data-state="online"]', 'the phone does not show #conn online after the hello');

  await phoneCtx.setOffline(true);
  await waitFor(phone, '#conn[data-state="offline"]', 'the phone does not show #conn offline without network').catch((e) =>
    h.check(false, e.message),
  );
  const texts = ['Först utan nät: fler mötesplatser för unga.', 'Sedan: ta med elevhälsan från början.'];
  const ids = [];
  for (const text of texts) {
    const id = await submit(phone, text);
    await itemState(phone, id, 'waiting');
    ids.push(id);
  }
  for (const id of ids) h.check((await cardCount(wall, id)) === 0, `the wall shows ${id} while the phone is offline`);

  await phoneCtx.setOffline(false);
  for (const id of ids) await itemState(phone, id, 'sent');
  await waitFor(phone, '#conn[data-state="online"]', 'the phone does not show #conn online again').catch((e) =>
    h.check(false, e.message),
  );

  for (const [i, id] of ids.entries()) {
    const text = await card(wall, id);
    h.check(text.includes(texts[i]), `card ${id} shows "${text.trim()}", not "${texts[i]}"`);
  }
  const data = await exported();
  for (const [i, id] of ids.entries()) {
    const rows = data.contributions.filter((c) => c.id === id);
    h.check(rows.length === 1, `export.json holds ${rows.length} contributions with id ${id}, not 1`);
    h.check(rows[0]?.text === texts[i], `export.json has "${rows[0]?.text}" for ${id}, not "${texts[i]}"`);
  }
  h.check(data.contributions.length === ids.length, `export.json holds ${data.contributions.length} contributions, not ${ids.length}`);

  // A wall opened now replays the whole log: still each once. By now a late duplicate would
  // also have reached the first wall.
  const fresh = await h.open(wallCtx, SESSION.wall_url, 'fresh wall');
  await ready(fresh, 'a second wall');
  for (const id of ids) await card(fresh, id);
  for (const [label, page] of [['live wall', wall], ['fresh wall', fresh]]) {
    for (const id of ids) {
      const n = await cardCount(page, id);
      h.check(n === 1, `the ${label} shows ${n} cards for ${id}, not 1`);
    }
  }
});

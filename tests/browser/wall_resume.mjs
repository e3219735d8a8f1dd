// Scenario: the wall survives the network blinking (or the laptop sleeping): it notices, says
// so, reconnects by itself and resumes from the last event it saw. Nothing is drawn twice,
// nothing is missed, and the page is never reloaded.
import { DESKTOP, SESSION, card, cardCount, local, ready, scenario, waitFor, WAIT } from './lib.mjs';

/** Submits over HTTP from the test process, which the browser's network switch does not touch. */
async function contribute(text) {
  const id = crypto.randomUUID();
  const res = await fetch(local(`/api/join/${SESSION.code}/contributions`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, question_id: SESSION.active_question_id, text }),
    signal: AbortSignal.timeout(WAIT),
  });
  if (res.status !== 201) throw new Error(`contribute: HTTP ${res.status}`);
  return id;
}

await scenario('wall_resume', async (h) => {
  const ctx = await h.context(DESKTOP);
  const wall = await h.open(ctx, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const before = await contribute('Före avbrottet.');
  await card(wall, before);
  // A mark that a reload would wipe.
  await wall.evaluate(() => {
    window.__notReloaded = true;
  });

  await ctx.setOffline(true);
  await waitFor(wall, '#conn[data-state="offline"], #conn[data-state="connecting"]', 'the wall does not show that it lost the connection');
  const during = [await contribute('Under avbrottet, ett.'), await contribute('Under avbrottet, två.')];
  for (const id of during) h.check((await cardCount(wall, id)) === 0, `the offline wall shows ${id}`);

  await ctx.setOffline(false);
  await waitFor(wall, '#conn[data-state="online"]', 'the wall does not reconnect by itself');
  for (const id of during) await card(wall, id);
  const after = await contribute('Efter avbrottet.');
  await card(wall, after);

  for (const id of [before, ...during, after]) {
    const n = await cardCount(wall, id);
    h.check(n === 1, `contribution ${id} is drawn ${n} times after the reconnect`);
  }
  const count = await wall.$eval('#count', (n) => n.textContent.trim());
  h.check(count === '4', `#count says ${count}, not 4`);
  h.check(await wall.evaluate(() => window.__notReloaded === true), 'the wall reloaded to recover');
});

// Scenario 1: a phone sends a contribution; the wall shows it.
import { DESKTOP, PHONE, SESSION, assert, card, itemState, ready, scenario, submit } from './lib.mjs';

await scenario('phone_to_wall', async (h) => {
  const wallCtx = await h.context(DESKTOP);
  const wall = await h.open(wallCtx, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');

  const phoneCtx = await h.context(PHONE);
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');

  const text = 'Bra att barnens röst kommer in tidigt – och att skolan är med.';
  const id = await submit(phone, text, { table: 'Bord 2' });
  await itemState(phone, id, 'sent');

  const shown = await card(wall, id);
  assert.ok(shown.includes(text), `the wall's card ${id} shows "${shown.trim()}", not "${text}"`);
  h.check(shown.includes('Bord 2'), `the wall's card does not name its table "Bord 2": "${shown.trim()}"`);
});

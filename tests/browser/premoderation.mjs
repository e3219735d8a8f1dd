// Scenario: pre-moderation. The phone says so above the text box; a contribution is acked as
// "received, waiting for the facilitator" (data-state="pending"), and no wall shows it (not
// even one opened with the facilitator's token, which receives waiting cards) until the
// facilitator approves it. Switching pre-moderation off reaches the phone live.
import { BASE, DESKTOP, PHONE, SESSION, card, itemState, missingKeys, ready, scenario, submit, waitFor } from './lib.mjs';
import { fac, settle } from './facil.mjs';

await scenario('premoderation', async (h) => {
  await fac('PUT', '/moderation', { premoderation: true });

  const wallCtx = await h.context(DESKTOP);
  const wall = await h.open(wallCtx, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const facCtx = await h.context(DESKTOP);
  const facWall = await h.open(facCtx, `${BASE}/wall/${SESSION.id}#token=${SESSION.facilitator_token}`, 'wall with the facilitator token');
  await ready(facWall, 'the wall with the facilitator token');

  const phoneCtx = await h.context(PHONE);
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  await waitFor(phone, '#premod', 'the phone does not say that contributions are pre-moderated', { state: 'visible' });

  const id = await submit(phone, 'Ett inspel som processledaren ska läsa först.');
  await itemState(phone, id, 'pending');
  const label = await phone.$eval(`#mine li[data-id="${id}"] .mine__state`, (n) => n.textContent);
  h.check(/väntar på processledaren/i.test(label), `the pending item says "${label}", not "…väntar på processledaren"`);

  await settle(wall, facWall);
  for (const [page, what] of [[wall, 'the wall'], [facWall, 'the wall with the facilitator token']]) {
    const n = await page.locator(`#cards .card[data-id="${id}"]`).count();
    h.check(n === 0, `${what} shows a contribution that waits for approval`);
    const count = await page.$eval('#count', (n) => n.textContent.trim());
    h.check(count === '0', `${what} counts a waiting contribution (#count says ${count})`);
  }

  await fac('POST', `/contributions/${id}/approve`);
  await card(wall, id);
  await card(facWall, id);
  // Phones are not sent approvals; they ask again (same id) on every hello and every 20 s.
  // A reload is a hello: the item now says sent.
  await phone.reload();
  await ready(phone, 'the phone page after a reload');
  await itemState(phone, id, 'sent');

  await fac('PUT', '/moderation', { premoderation: false });
  await waitFor(phone, '#premod', 'switching pre-moderation off did not remove the notice on the phone', { state: 'hidden' });
  const id2 = await submit(phone, 'Nu utan granskning.');
  await itemState(phone, id2, 'sent');
  await card(wall, id2);
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

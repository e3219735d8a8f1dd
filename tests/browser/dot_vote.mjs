// Scenario: dot voting. The facilitator starts a vote; the phone places its 3 dots with + and −
// (two on one card), a 4th is refused kindly (and by the server), the wall's bars show the
// totals sorted, live; closing thanks the phone and keeps the bars until the next question.
import { DESKTOP, PHONE, SESSION, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { contribute, fac, vote } from './facil.mjs';

await scenario('dot_vote', async (h) => {
  const a = await contribute('Barnens röst tidigt i processen.');
  const b = await contribute('Skolan måste vara med från början.');
  const c = await contribute('Fler vägar in i föreningslivet.');

  const wall = await h.open(await h.context(DESKTOP), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  // The phone's websocket passes through here, so the scenario can cut it later.
  const phoneCtx = await h.context(PHONE);
  let socketsAllowed = true;
  const sockets = [];
  await phoneCtx.routeWebSocket(/\/ws\/join\//, (ws) => {
    if (!socketsAllowed) return ws.close();
    ws.connectToServer();
    sockets.push(ws);
  });
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');

  const v = await fac('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: 3 });
  // Shown in the room from the start, so the wall follows the dots (wall_room.mjs has the
  // result that waits for the facilitator).
  await fac('POST', `/votes/${v.id}/reveal`);
  await waitFor(phone, '#vote li[data-item]', 'the phone shows no vote items after vote_started', { state: 'visible' });
  const items = await phone.$$eval('#vote li[data-item]', (lis) => lis.map((li) => li.dataset.item));
  h.check(items.length === 3, `the phone shows ${items.length} vote items, not 3`);
  const leftText = () => phone.$eval('#dots-left', (n) => n.textContent.trim());
  h.check(/^3 prickar kvar$/.test(await leftText()), `#dots-left says "${await leftText()}", not "3 prickar kvar"`);

  const item = (id) => `#vote li[data-item="${id}"]`;
  const countOf = (id) => phone.$eval(`${item(id)} [data-count]`, (n) => n.dataset.count);
  await phone.click(`${item(a.id)} button[data-more]`);
  await phone.click(`${item(a.id)} button[data-more]`);
  // The third by keyboard: focus the + and press Enter.
  await phone.focus(`${item(b.id)} button[data-more]`);
  await phone.keyboard.press('Enter');
  await waitUntil(wall, ([x, y]) => {
    const tot = (id) => document.querySelector(`#vote-results [data-vote-item="${id}"]`)?.dataset.total;
    return tot(x) === '2' && tot(y) === '1';
  }, [a.id, b.id], 'the wall bars never showed 2 dots on the first card and 1 on the second');
  h.check((await countOf(a.id)) === '2' && (await countOf(b.id)) === '1', 'the phone counts are not 2 and 1');
  h.check(/^0 prickar kvar$/.test(await leftText()), `#dots-left says "${await leftText()}" with all dots placed`);

  // A 4th dot: refused on the phone, kindly, and by the server too.
  await phone.click(`${item(c.id)} button[data-more]`);
  await waitUntil(phone, () => /inga prickar kvar/i.test(document.querySelector('#vote-msg')?.textContent || ''), null, 'a 4th dot was not refused with "inga prickar kvar"');
  h.check((await countOf(c.id)) === '0', 'the refused 4th dot shows on the phone');
  const me = await phone.evaluate(() => JSON.parse(localStorage.getItem('inspel.participant')));
  const server = await vote(v.id, c.id, 1, me);
  h.check(server.status === 409 && server.data?.code === 'no_dots_left', `the server took a 4th dot: ${server.status} ${JSON.stringify(server.data)}`);

  // Another phone; then this one moves a dot from the first card to the third.
  await vote(v.id, c.id, 1, 'another-phone-in-the-room');
  await phone.click(`${item(a.id)} button[data-less]`);
  await phone.click(`${item(c.id)} button[data-more]`);
  await waitUntil(wall, ([x, y, z]) => {
    const tot = (id) => document.querySelector(`#vote-results [data-vote-item="${id}"]`)?.dataset.total;
    return tot(x) === '1' && tot(y) === '1' && tot(z) === '2';
  }, [a.id, b.id, c.id], 'the wall bars never showed 1, 1 and 2 after moving a dot');
  const order = await wall.$$eval('#vote-results [data-vote-item]', (lis) => lis.map((li) => li.dataset.voteItem));
  h.check(order[0] === c.id, 'the wall bars are not sorted by total (the card with 2 dots is not first)');
  const label = await phone.$eval(`${item(c.id)} button[data-more]`, (n) => n.getAttribute('aria-label'));
  h.check(label && label.includes('Fler vägar'), `the + button has no accessible name naming its card: "${label}"`);
  await waitUntil(phone, () => /1 prick på: Fler vägar/.test(document.querySelector('#vote-live')?.textContent || ''), null, 'the phone did not announce the new count');

  // Without the websocket, dots go over HTTP.
  socketsAllowed = false;
  for (const ws of sockets) await ws.close();
  await waitUntil(phone, () => document.querySelector('#conn').dataset.state !== 'online', null, 'the phone did not notice its websocket was gone');
  await phone.click(`${item(c.id)} button[data-less]`);
  await waitFor(wall, `#vote-results [data-vote-item="${c.id}"][data-total="1"]`, 'a dot taken back while the websocket was down did not reach the wall (HTTP fallback)');
  h.check((await countOf(c.id)) === '0', 'the phone does not show the dot taken back over HTTP');
  socketsAllowed = true;
  await waitFor(phone, '#conn[data-state="online"]', 'the phone did not reconnect its websocket');
  h.check((await countOf(a.id)) === '1' && (await countOf(b.id)) === '1', 'after reconnecting the phone lost its dots');

  await fac('POST', `/votes/${v.id}/close`);
  await waitFor(phone, '#vote-thanks', 'the phone did not thank after the vote closed', { state: 'visible' });
  h.check((await phone.locator('#vote li[data-item]').count()) === 0, 'the phone still shows vote items after the vote closed');
  await waitFor(wall, '#vote-results[data-state="closed"]', 'the wall does not show the closed vote');
  h.check(await wall.isVisible('#vote-results'), 'the wall hid the bars when the vote closed');
  await fac('POST', '/questions/q2/activate');
  await waitFor(wall, '#vote-results', 'the wall kept the closed vote after the next question', { state: 'hidden' });
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

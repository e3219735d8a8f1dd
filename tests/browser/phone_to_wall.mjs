// Scenario 1: a phone sends a contribution; the wall shows it. Also the wall's other hooks:
// join code, QR code, counters, pause and the table filter.
import {
  DESKTOP, PHONE, SESSION, WAIT, assert, card, itemState, ready, scenario, submit, waitFor, waitUntil,
} from './lib.mjs';

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

  // The wall's other hooks (soft: the core loop above is what this scenario is about).
  const soft = (p) => p.then(() => true, (e) => h.check(false, e.message));
  const text$ = (sel) => wall.evaluate((s) => (document.querySelector(s)?.textContent ?? '').trim(), sel);
  const says = async (sel, want, what) => {
    const ok = await wall
      .waitForFunction(([s, w]) => (document.querySelector(s)?.textContent ?? '').trim() === w, [sel, want], { timeout: WAIT })
      .then(() => true, () => false);
    if (!ok) h.check(false, `${sel} never said "${want}" ${what} (says "${await text$(sel)}")`);
  };
  h.check((await text$('#join-code')).includes(SESSION.code), `#join-code shows "${await text$('#join-code')}", not ${SESSION.code}`);
  await soft(
    waitUntil(wall, () => { const i = document.querySelector('img#qr'); return i && i.complete && i.naturalWidth > 0; }, null, 'img#qr never showed a loaded image'),
  );
  await says('#count', '1', 'after one contribution');
  await says('#phones', '1', 'with one phone connected');

  for (const [want, after] of [['true', 'pausing'], ['false', 'resuming']]) {
    await wall.click('button#pause');
    await soft(waitFor(wall, `button#pause[aria-pressed="${want}"]`, `button#pause is not aria-pressed="${want}" after ${after}`));
  }

  const visible = `#cards .card[data-id="${id}"]`;
  await wall.selectOption('select#table-filter', { label: 'Bord 3' });
  await soft(waitFor(wall, visible, 'filtering the wall to "Bord 3" still shows the card from "Bord 2"', { state: 'hidden' }));
  await wall.selectOption('select#table-filter', { index: 0 });
  await soft(waitFor(wall, visible, 'resetting the table filter does not show the card again', { state: 'visible' }));
});

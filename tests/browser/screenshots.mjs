// Scenario 6: current screenshots of the phone, the wall and the facilitator console for the
// README, into INSPEL_SCREENSHOTS (docs/screenshots/): the Värmland round "Dialog 15 minuter"
// of three questions, started, with a few contributions to each.
import fs from 'node:fs';
import path from 'node:path';
import { DESKTOP, PHONE, SESSION, card, itemState, ready, scenario, submit, waitUntil } from './lib.mjs';
import { fac as facApi } from './facil.mjs';

const dir = process.env.INSPEL_SCREENSHOTS;
const seeded = JSON.parse(process.env.INSPEL_SEEDED || '[]');

async function settle(page) {
  await page.evaluate(() => document.fonts.ready.then(() => true));
  await waitUntil(
    page,
    () => [...document.images].every((img) => img.complete),
    null,
    'an image on the page never finished loading',
  );
}

async function shoot(page, name) {
  const file = path.join(dir, name);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide', timeout: 10_000 });
  const size = fs.statSync(file).size;
  console.log(`wrote ${file} (${size} bytes)`);
}

await scenario('screenshots', async (h) => {
  if (!dir) throw new Error('INSPEL_SCREENSHOTS is not set');
  fs.mkdirSync(dir, { recursive: true });
  await facApi('POST', '/rounds/r1/start');

  const wallCtx = await h.context(DESKTOP);
  const wall = await h.open(wallCtx, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');

  const phoneCtx = await h.context(PHONE);
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  const id = await submit(phone, 'Viktigt att ungas egna ord finns med i underlaget.', {
    table: 'Bord 1',
    perspective: 'Civilsamhälle/idéburen sektor',
  });
  const sending = await phone.evaluate(() => document.querySelector('#status-q1')?.textContent ?? null);
  await itemState(phone, id, 'sent');
  // The page may announce "sending" and then "sent" a moment later: wait (bounded) for the
  // status line to move on from what it said while sending, but don't fail on it.
  if (sending !== null) {
    await phone
      .waitForFunction((was) => document.querySelector('#status-q1')?.textContent !== was, sending, { timeout: 5_000 })
      .catch(() => {});
  }
  await phone.evaluate(() => window.scrollTo(0, 0));
  await settle(phone);
  await shoot(phone, 'phone.png');

  for (const seen of [...seeded, id]) await card(wall, seen);
  await settle(wall);
  await shoot(wall, 'wall.png');

  const facCtx = await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } });
  const fac = await h.open(facCtx, SESSION.facilitator_url, 'facilitator');
  await ready(fac, 'the facilitator console');
  await settle(fac);
  await shoot(fac, 'facilitator.png');
});

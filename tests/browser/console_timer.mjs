// Scenario: a countdown started from the console shows on the wall. The facilitator types 2
// minutes for question 1 and starts it ([data-timer="start"][data-question="q1"]); the console
// (#timer-q1) and the wall count down from 2:00 in step; pause, +1 min and stop follow.
import { DESKTOP, SESSION, api, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { openConsole } from './console_helpers.mjs';

const secs = (s) => {
  const m = /(\d+):(\d\d)/.exec(s ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

await scenario('console_timer', async (h) => {
  const wall = await h.open(await h.context(DESKTOP), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const fac = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));

  await fac.fill('#minutes-q1', '2');
  await fac.click('[data-timer="start"][data-question="q1"]');
  const q1 = async () => (await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token)).questions.find((q) => q.id === 'q1');
  await waitUntil(fac, () => /^1:5\d|^2:00/.test(document.querySelector('#timer-q1')?.textContent ?? ''), null, '#timer-q1 does not count down from 2:00');
  const timer = (await q1()).timer;
  h.check(timer?.running && timer.duration_secs === 120, `the stored timer is not 120 s running: ${JSON.stringify(timer)}`);

  // The wall shows the same countdown (its #countdown-time), within a second or two.
  await waitFor(wall, '#countdown-time', 'the wall has no #countdown-time');
  await waitUntil(wall, () => /\d:\d\d/.test(document.querySelector('#countdown-time')?.textContent ?? ''), null, 'the wall shows no countdown after the console started one');
  const onWall = secs(await wall.textContent('#countdown-time'));
  const onConsole = secs(await fac.textContent('#timer-q1'));
  h.check(onWall > 100 && onWall <= 120, `the wall shows ${onWall} s, not about 2 minutes`);
  h.check(Math.abs(onWall - onConsole) <= 2, `the wall (${onWall} s) and the console (${onConsole} s) disagree`);

  await fac.click('[data-timer="pause"][data-question="q1"]');
  await waitFor(fac, '[data-timer="resume"][data-question="q1"]:not([hidden])', 'pausing shows no resume button');
  h.check(!(await q1()).timer.running, 'pausing did not pause the stored timer');
  const paused = secs(await fac.textContent('#timer-q1'));
  await fac.click('[data-timer="extend"][data-question="q1"]');
  await waitUntil(fac, (p) => { const m = /(\d+):(\d\d)/.exec(document.querySelector('#timer-q1')?.textContent ?? ''); return m && Number(m[1]) * 60 + Number(m[2]) >= p + 59; }, paused, '+1 min did not add a minute in the console');
  await fac.click('[data-timer="resume"][data-question="q1"]');
  await waitFor(fac, '[data-timer="pause"][data-question="q1"]:not([hidden])', 'resuming shows no pause button');
  await fac.click('[data-timer="stop"][data-question="q1"]');
  await waitUntil(fac, () => /inte startad|not started/.test(document.querySelector('#timer-q1')?.parentElement?.textContent ?? ''), null, 'stopping did not reset the console countdown');
  h.check((await q1()).timer === null, 'stopping did not remove the stored timer');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

// Scenario: a countdown started over the HTTP API shows on the wall and on a phone, in step
// even when the phone's clock is five minutes wrong (both count from the server's clock);
// pausing shows "paused"; at zero both say "Tiden är ute" and announce it; stop removes it.
import { DESKTOP, PHONE, SESSION, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { fac } from './facil.mjs';

const secs = (s) => {
  const m = /^(\d+):(\d\d)$/.exec(s.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

await scenario('countdown', async (h) => {
  // The wall's room asked for less motion: nothing may pulse at zero.
  const wall = await h.open(await h.context({ ...DESKTOP, reducedMotion: 'reduce' }), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const phoneCtx = await h.context(PHONE);
  // This phone's clock runs five minutes fast.
  await phoneCtx.addInitScript(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + 300000;
  });
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  for (const p of [wall, phone]) h.check(await p.isHidden('#countdown'), `${p === wall ? 'the wall' : 'the phone'} shows a countdown before any was started`);

  await fac('POST', '/questions/q1/timer', { action: 'start', duration_secs: 90 });
  const time = (p) => p.$eval('#countdown-time', (n) => n.textContent);
  for (const [p, what] of [[wall, 'the wall'], [phone, 'the phone']]) {
    await waitFor(p, '#countdown[data-state="running"]', `${what} shows no running countdown after the timer started`, { state: 'visible' });
    const s = secs(await time(p));
    h.check(s >= 85 && s <= 90, `${what} shows "${await time(p)}" just after a 1:30 timer started`);
  }
  const [w, ph] = [secs(await time(wall)), secs(await time(phone))];
  h.check(Math.abs(w - ph) <= 1, `the wall (${w} s) and the phone with a wrong clock (${ph} s) are out of step`);
  await waitUntil(wall, () => /startat/.test(document.querySelector('#countdown-announce').textContent), null, 'the wall did not announce the start');
  const big = await wall.$eval('#countdown-time', (n) => parseFloat(getComputedStyle(n).fontSize));
  h.check(big >= 40, `the wall's countdown is ${big}px, not readable from the back`);

  await fac('POST', '/questions/q1/timer', { action: 'pause' });
  for (const [p, what] of [[wall, 'the wall'], [phone, 'the phone']]) {
    await waitFor(p, '#countdown[data-state="paused"]', `${what} does not show the countdown as paused`);
  }
  const held = await time(wall);
  await wall.waitForTimeout(1300);
  h.check((await time(wall)) === held, 'the paused countdown kept counting on the wall');

  await fac('POST', '/questions/q1/timer', { action: 'start', duration_secs: 2 });
  for (const [p, what] of [[wall, 'the wall'], [phone, 'the phone']]) {
    await waitFor(p, '#countdown[data-state="done"]', `${what} never reached zero`);
    const said = (await time(p)).trim();
    h.check(said === 'Tiden är ute', `${what} says "${said}" at zero, not "Tiden är ute"`);
    await waitUntil(p, () => /Tiden är ute/.test(document.querySelector('#countdown-announce').textContent), null, `${what} did not announce zero`);
  }
  const motion = await wall.$eval('#countdown', (n) => getComputedStyle(n).animationName);
  h.check(motion === 'none', `the wall animates the countdown (${motion}) under prefers-reduced-motion`);

  await fac('POST', '/questions/q1/timer', { action: 'stop' });
  for (const [p, what] of [[wall, 'the wall'], [phone, 'the phone']]) {
    await waitFor(p, '#countdown', `${what} still shows a stopped countdown`, { state: 'hidden' });
  }
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

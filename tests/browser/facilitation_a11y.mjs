// Scenario: axe-core (WCAG 2.1 A and AA) on the facilitation states: the wall with vote bars
// and a running countdown (1280 px, both languages, light and dark), the wall by theme with a
// pinned card, and the phone at 320 px in vote mode with a countdown, the pre-moderation
// notice and a contribution waiting for approval. Zero violations.
import { DESKTOP, PHONE, SESSION, axeLines, itemState, missingKeys, ready, scenario, submit, waitFor } from './lib.mjs';
import { contribute, fac } from './facil.mjs';

await scenario('facilitation_a11y', async (h) => {
  const found = [];
  const a = await contribute('Barnens röst tidigt i processen, och skolan med från början.');
  const b = await contribute('Fler vägar in i föreningslivet för unga i hela länet.');
  await contribute('Föräldrar behöver veta vart de kan vända sig.');
  await fac('PUT', '/moderation', { premoderation: true });
  await fac('POST', '/questions/q1/timer', { action: 'start', duration_secs: 600 });
  const v = await fac('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: 3 });
  // The result shown in the room, so the wall has bars to audit.
  await fac('POST', `/votes/${v.id}/reveal`);

  const phone = await h.open(await h.context(PHONE), SESSION.join_url, 'phone 320 px');
  await ready(phone, 'the phone page');
  await waitFor(phone, '#vote li[data-item]', 'the phone shows no vote', { state: 'visible' });
  await phone.click(`#vote li[data-item="${a.id}"] button[data-more]`);
  await phone.click(`#vote li[data-item="${a.id}"] button[data-more]`);
  await phone.click(`#vote li[data-item="${b.id}"] button[data-more]`);
  await phone.click(`#vote li[data-item="${b.id}"] button[data-more]`);
  await waitFor(phone, '#vote-msg:not(:empty)', 'the phone did not refuse a 4th dot');
  const id = await submit(phone, 'Ett inspel som väntar på granskning.');
  await itemState(phone, id, 'pending');
  await waitFor(phone, '#countdown[data-state="running"]', 'the phone shows no countdown', { state: 'visible' });
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  h.check(width <= 320, `the phone page scrolls sideways at 320 px (${width} px wide)`);
  found.push(...(await axeLines(phone, 'phone in vote mode, sv')));
  await phone.click('button#lang');
  await waitFor(phone, 'html[lang="en"]', 'the phone did not switch to English');
  found.push(...(await axeLines(phone, 'phone in vote mode, en')));

  const wallCtx = await h.context(DESKTOP);
  const wall = await h.open(wallCtx, SESSION.wall_url, 'wall 1280 px');
  await ready(wall, 'the wall');
  await waitFor(wall, `#vote-results [data-vote-item="${a.id}"][data-total="2"]`, 'the wall shows no vote bars');
  await waitFor(wall, '#countdown[data-state="running"]', 'the wall shows no countdown', { state: 'visible' });
  found.push(...(await axeLines(wall, 'wall with vote bars and countdown, sv')));
  await wall.click('button#theme');
  found.push(...(await axeLines(wall, 'wall with vote bars and countdown, dark')));
  await wall.click('button#theme');
  await wall.click('button#lang');
  await waitFor(wall, 'html[lang="en"]', 'the wall did not switch to English');
  found.push(...(await axeLines(wall, 'wall with vote bars and countdown, en')));

  await fac('POST', `/votes/${v.id}/close`);
  const t1 = await fac('POST', '/themes', { name: 'Delaktighet', question_id: 'q1' });
  await fac('PUT', `/contributions/${a.id}/theme`, { theme_id: t1.id });
  await fac('POST', `/contributions/${b.id}/pin`);
  await wall.click('#vote-dismiss');
  await wall.selectOption('select#view', 'theme');
  await waitFor(wall, `[data-theme-group="${t1.id}"] .card[data-id="${a.id}"]`, 'the theme view shows no theme');
  await waitFor(wall, `.card[data-id="${b.id}"][data-pinned="true"]`, 'the pinned card is not marked');
  found.push(...(await axeLines(wall, 'wall by theme with a pinned card, en')));

  const small = await h.open(await h.context(PHONE), SESSION.wall_url, 'wall 320 px');
  await ready(small, 'the wall at 320 px');
  found.push(...(await axeLines(small, 'wall at 320 px with countdown')));

  console.log(`${found.length} axe violation(s) in the facilitation states`);
  for (const f of found) console.error(`  ${f}`);
  h.check(found.length === 0, `axe-core found ${found.length} violation(s) (listed above)`);
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

// Scenario (issue 8): the facilitator runs the meeting from the console, by mouse and by
// keyboard, and phones and walls follow live. Start the round and steer its one countdown;
// show one question alone and the whole round again (the countdown keeps its time); close and
// reopen a question; fix a question's text; add a question to the round; move a round down and
// up again, and a question within its round (the plan is edited under Före, run under Under); rename and add a table (the phone keeps its table under the new name, the cards
// carry it); set the closing words, the grace period and the wall's layout; copy the session
// (its console opens in a new tab); next round; end (the phones show the closing words).
import { DESKTOP, PHONE, SESSION, api, itemState, missingKeys, phoneQuestions, ready, scenario, submit, waitFor, waitUntil } from './lib.mjs';

const state = () => api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token);
const CLOSING = 'Inspelen sammanställs och återrapporteras på riktningsmötet i vår.';

await scenario('rounds_console', async (h) => {
  const phone = await h.open(await h.context({ ...PHONE, viewport: { width: 320, height: 568 } }), `${SESSION.join_url}?table=${encodeURIComponent('Bord 3')}`, 'phone');
  await ready(phone, 'the phone page');
  const wall = await h.open(await h.context(DESKTOP), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const consoleCtx = await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } });
  const fac = await h.open(consoleCtx, SESSION.facilitator_url, 'console');
  await ready(fac, 'the console');
  const phoneShows = (ids, why) => waitUntil(phone, (want) => [...document.querySelectorAll('section.ask')].map((s) => s.dataset.question).join() === want, ids.join(), why);

  // Start the round with the mouse: its one countdown runs on the phone too.
  await fac.click('button[data-round-action="start"][data-round="r1"]');
  await waitFor(phone, '#countdown[data-state="running"]', 'the phone shows no countdown after the round started', { state: 'visible' });
  await waitFor(fac, 'button[data-round-timer="pause"][data-round="r1"]:not([hidden])', 'the round\'s countdown shows no pause button');

  // The round's countdown by keyboard: pause with Enter, +1 min with Space, resume.
  await fac.focus('button[data-round-timer="pause"][data-round="r1"]');
  await fac.keyboard.press('Enter');
  await waitFor(fac, 'button[data-round-timer="resume"][data-round="r1"]:not([hidden])', 'Enter on pause did not pause the round');
  h.check(await fac.evaluate(() => document.activeElement?.dataset.roundTimer === 'resume'), 'after pausing, focus is not on resume');
  let s = await state();
  const left = s.questions.slice(0, 3).map((q) => q.timer?.remaining_ms);
  h.check(s.questions.slice(0, 3).every((q) => q.timer && !q.timer.running), `pausing the round did not pause all three countdowns: ${JSON.stringify(s.questions.map((q) => q.timer))}`);
  await fac.focus('button[data-round-timer="extend"][data-round="r1"]');
  await fac.keyboard.press('Space');
  await waitUntil(fac, () => /Nedräkningen|minut/.test(document.querySelector('#questions-status')?.textContent ?? ''), null, '+1 min gave no confirmation');
  s = await state();
  h.check(s.questions.slice(0, 3).every((q, i) => q.timer.remaining_ms >= left[i] + 59000), '+1 min did not add a minute to every question of the round');
  await fac.click('button[data-round-timer="resume"][data-round="r1"]');
  await waitFor(fac, 'button[data-round-timer="pause"][data-round="r1"]:not([hidden])', 'resume did not start the round again');
  const ends = (await state()).questions[0].timer.ends_at;

  // One question alone, then the whole round again; the countdown keeps its time.
  await fac.click('button[data-action="activate"][data-question="q2"]');
  await phoneShows(['q2'], 'the phone does not show question 2 alone');
  await waitUntil(wall, () => !document.querySelector('#cards.cards-area--columns'), null, 'the wall still shows columns with one question shown alone');
  await fac.click('button[data-round-action="start"][data-round="r1"]');
  await phoneShows(['q1', 'q2', 'q3'], 'the phone does not show the whole round again');
  s = await state();
  h.check(s.questions[0].timer?.ends_at === ends, `showing the whole round again restarted its countdown (${ends} → ${s.questions[0].timer?.ends_at})`);

  // Close and reopen question 3.
  await fac.click('button[data-action="close"][data-question="q3"]');
  await waitFor(phone, 'section.ask[data-question="q3"][data-state="closed"]', 'the phone does not show question 3 closed');
  await fac.click('button[data-action="open"][data-question="q3"]');
  await waitFor(phone, 'section.ask[data-question="q3"][data-state="open"]', 'the phone does not show question 3 open again');

  // A contribution from the phone's table, to see it follow the table's new name.
  const id = await submit(phone, 'Skrivet vid bord tre.', { question: 'q1' });
  await itemState(phone, id, 'sent');

  // Fix question 1's text.
  const fixed = 'Vad väcker den föreslagna inriktningen för tankar hos dig och din organisation?';
  await fac.click('#plan li.q[data-question="q1"] details.q__edit summary');
  await fac.fill('#edit-q1', fixed);
  await fac.click('button[data-edit-save="q1"]');
  await waitUntil(phone, (t) => document.querySelector('#ask-h-q1')?.textContent.includes(t), fixed, 'the phone does not show question 1\'s new text');
  await waitUntil(wall, (t) => [...document.querySelectorAll('section.column .group__head')].some((x) => x.textContent.includes(t)), fixed, 'the wall does not show question 1\'s new text');

  // Add a question to the round: a fourth box on the phone, a fourth column on the wall.
  const added = 'Vad behöver ditt bord för att gå vidare?';
  await fac.fill('#new-question', added);
  await fac.selectOption('#new-question-round', 'r1');
  await fac.click('#add-question button[type="submit"]');
  await phoneShows(['q1', 'q2', 'q3', 'q5'], 'the phone does not show the question added to the round');
  await waitFor(wall, 'section.column[data-column="q5"]', 'the wall shows no column for the question added');

  // Move round 1 down with the mouse, and up again with the keyboard (in the plan, under
  // Före; the rounds under Under follow).
  await fac.click('#plan button[data-round-action="down"][data-round="r1"]');
  await waitUntil(fac, () => document.querySelector('#plan > li')?.dataset.round === 'r2' && document.querySelector('#rounds > li')?.dataset.round === 'r2', null, 'moving round 1 down did not reorder the plan');
  h.check(JSON.stringify((await state()).rounds.map((r) => r.id)) === '["r2","r1"]', 'the server did not store the new order');
  const focused = await fac.evaluate(() => document.activeElement?.dataset.roundAction);
  h.check(focused === 'up', `after moving the round to the end focus is on "${focused}", not its "move up" button`);
  await fac.keyboard.press('Enter');
  await waitUntil(fac, () => document.querySelector('#plan > li')?.dataset.round === 'r1' && document.querySelector('#rounds > li')?.dataset.round === 'r1', null, 'Enter on "move up" did not move round 1 back');

  // Move question 2 up within its round by keyboard, then down again: phones follow.
  await fac.focus('#plan button[data-question-move="up"][data-question="q2"]');
  await fac.keyboard.press('Enter');
  await phoneShows(['q2', 'q1', 'q3', 'q5'], 'the phone does not show question 2 first after it moved up');
  h.check(JSON.stringify((await state()).rounds[0].question_ids) === '["q2","q1","q3","q5"]', 'the server did not store the question\'s new place');
  h.check(await fac.evaluate(() => document.activeElement?.dataset.questionMove === 'down' && document.activeElement?.dataset.question === 'q2'), 'after moving question 2 to the top, focus is not on its "move down"');
  await fac.keyboard.press('Enter');
  await phoneShows(['q1', 'q2', 'q3', 'q5'], 'the phone does not show question 2 back in its place');

  // Rename a table; add one.
  await fac.click('[data-name-row="table:Bord 3"] summary');
  await fac.fill('[data-name-row="table:Bord 3"] input', 'Bord Tre');
  await fac.click('[data-name-row="table:Bord 3"] button');
  await waitUntil(phone, () => document.querySelector('select#table')?.value === 'Bord Tre', null, 'the phone did not keep its table under the new name');
  await waitUntil(wall, (cid) => document.querySelector(`.card[data-id="${cid}"] .card__meta`)?.textContent.includes('Bord Tre'), id, 'the card on the wall does not carry the table\'s new name');
  await fac.fill('#new-table', 'Bord 9');
  await fac.click('#add-table button[type="submit"]');
  await waitUntil(phone, () => [...document.querySelectorAll('select#table option')].some((o) => o.value === 'Bord 9'), null, 'the phone cannot choose the table added');

  // The closing words, the grace period and the wall's layout.
  await fac.fill('#closing-text', CLOSING);
  await fac.fill('#late-grace', '60');
  await fac.selectOption('#wall-layout', 'rotate');
  await fac.click('#settings-form button[type="submit"]');
  await waitFor(wall, '#rotate-tools:not([hidden])', 'the wall does not take turns after the layout was set to rotate');
  s = await state();
  h.check(s.settings.closing_text === CLOSING && s.settings.late_grace_secs === 60, `the settings were not stored: ${JSON.stringify(s.settings)}`);

  // Copy the session: the copy's console opens in a new tab.
  const [tab] = await Promise.all([consoleCtx.waitForEvent('page'), fac.click('#duplicate')]);
  await tab.waitForLoadState('load');
  const copyId = new URL(tab.url()).pathname.split('/')[2];
  h.check(copyId && copyId !== SESSION.id, `the new tab is not another session's console: ${tab.url()}`);
  await ready(tab, 'the copy\'s console');
  const copyTitles = await tab.$$eval('#rounds > li .round__title', (hs) => hs.map((x) => x.textContent));
  h.check(copyTitles.join('|') === 'Pass 1: Dialog 15 minuter|Pass 2: Reflektion i rummet', `the copy's plan is ${copyTitles.join(' | ')}`);
  await tab.close();

  // Visible focus on the plan's controls, reached by Tab.
  await fac.focus('#round-now');
  await fac.keyboard.press('Tab');
  const unseen = [];
  for (let i = 0; i < 30; i += 1) {
    const f = await fac.evaluate(() => {
      const e = document.activeElement;
      const cs = getComputedStyle(e);
      return { what: `${e.tagName}${e.id ? `#${e.id}` : ''} ${(e.textContent || '').trim().slice(0, 30)}`, ok: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none' };
    });
    if (!f.ok) unseen.push(f.what);
    await fac.keyboard.press('Tab');
  }
  h.check(unseen.length === 0, `controls without visible focus: ${unseen.join(', ')}`);

  // Next round, then the end. (A box being typed in stays while the room moves on: the phone
  // is put down first.)
  await phone.evaluate(() => document.activeElement?.blur());
  await fac.click('#round-next');
  await phoneShows(['q4'], 'the phone does not show the next round\'s question');
  await waitUntil(fac, () => /Avsluta/.test(document.querySelector('#round-next')?.textContent ?? ''), null, 'on the last round the button does not offer to end');
  await fac.click('#round-next');
  await waitFor(phone, '#ended:not([hidden])', 'the phone shows no thank-you after the end');
  h.check((await phone.textContent('#ended-text'))?.trim() === CLOSING, 'the phone does not show the closing words set in the console');
  await waitFor(wall, '#ended-view:not([hidden])', 'the wall shows no closing view after the end');
  await waitUntil(fac, () => document.activeElement?.id === 'round-now', null, 'after ending, focus fell off the plan').catch((e) => h.check(false, e.message));
  h.check((await phoneQuestions(phone)).length === 0, 'the phone still shows question boxes after the end');
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

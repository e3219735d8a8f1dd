// Scenario (issue 8, scenario 2): four parallel group talks, each group with its own question,
// in one round. A phone whose group's QR card preselects Grupp A sees group A's question
// only; a phone without a group is asked to choose one and then sees that group's question;
// the moderator's wall shows a column per group's question; group A's wall (?table=Grupp A)
// shows group A's question and cards only.
import { DESKTOP, PHONE, SESSION, card, itemState, missingKeys, phoneQuestions, ready, scenario, submit, waitFor, waitUntil } from './lib.mjs';

await scenario('rounds_groups', async (h) => {
  const a = await h.open(await h.context(PHONE), `${SESSION.join_url}?table=${encodeURIComponent('Grupp A')}`, 'phone in group A');
  await ready(a, 'group A\'s phone');
  await waitFor(a, 'section.ask[data-question="q1"]', 'group A\'s phone does not show group A\'s question');
  h.check((await phoneQuestions(a)).join() === 'q1', `group A's phone shows ${(await phoneQuestions(a)).join(', ')}, not only q1`);
  h.check(await a.isHidden('#need-table'), 'a phone with its group chosen is still asked to choose one');

  const none = await h.open(await h.context(PHONE), SESSION.join_url, 'phone without a group');
  await ready(none, 'the phone without a group');
  await waitFor(none, '#need-table:not([hidden])', 'a phone without a group is not asked to choose its group');
  h.check((await phoneQuestions(none)).length === 0, 'a phone without a group shows other groups\' questions');
  h.check(await none.isHidden('#no-question'), 'a phone without a group says no question is open');
  await none.click('#choose-table');
  h.check(await none.evaluate(() => document.activeElement?.id === 'table'), '"choose group" did not move focus to the group picker');
  await none.selectOption('select#table', 'Grupp B');
  await waitUntil(none, () => [...document.querySelectorAll('section.ask')].map((s) => s.dataset.question).join() === 'q2', null, 'after choosing Grupp B the phone does not show group B\'s question alone');
  await waitFor(none, '#need-table[hidden]', 'after choosing a group the phone still asks for one');

  const fromA = await submit(a, 'Föreningarna behöver enklare vägar in.');
  const fromB = await submit(none, 'Avgiftsfria aktiviteter på loven.');
  await itemState(a, fromA, 'sent');
  await itemState(none, fromB, 'sent');

  // The moderator's wall: a column per group's question.
  const wall = await h.open(await h.context({ ...DESKTOP, viewport: { width: 1920, height: 1080 } }), SESSION.wall_url, 'moderator\'s wall');
  await ready(wall, 'the moderator\'s wall');
  await waitFor(wall, '#cards.cards-area--columns > section.column:nth-child(4)', 'the moderator\'s wall does not show four columns');
  await card(wall, fromA);
  await card(wall, fromB);

  // Group A's wall: its question, its cards.
  const url = new URL(SESSION.wall_url);
  url.search = `?table=${encodeURIComponent('Grupp A')}`;
  const leader = await h.open(await h.context(DESKTOP), url.href, 'group A\'s wall');
  await ready(leader, 'group A\'s wall');
  await card(leader, fromA);
  h.check((await leader.locator(`.card[data-id="${fromB}"]`).count()) === 0, 'group A\'s wall shows group B\'s card');
  h.check((await leader.locator('#cards.cards-area--columns').count()) === 0, 'group A\'s wall shows columns for other groups\' questions');
  const heading = (await leader.textContent('#wall-question'))?.trim();
  h.check(heading === SESSION.questions[0].text, `group A's wall is headed "${heading}", not group A's question`);
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

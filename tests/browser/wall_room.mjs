// Scenario (issue 10, items 1–3): what the room sees on the wall.
// - Privacy: the cards say their table only (the default); the facilitator's console switches
//   to both, then neither, and the wall follows live (the server sends a wall no more than
//   that; tests/wall_room.rs checks the wire). With tables off, the wall cannot filter or
//   group by them.
// - "Per tema": every theme of the session as a tile with its count and newest cards.
// - Votes: while open the wall says the room is voting and keeps showing the cards, with no
//   bars; "Visa resultatet" in the console shows the bars; hiding them brings the cards back,
//   and so does moving on to another question after the vote closed.
// - axe-core finds nothing in either language on the wall by theme and with the vote's bars.
import { randomUUID } from 'node:crypto';
import { DESKTOP, SESSION, WAIT, axeLines, local, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { fac, vote } from './facil.mjs';
import { openConsole } from './console_helpers.mjs';

async function says(text, { question = 'q1', table = 'Bord 1', perspective = 'Näringsliv' } = {}) {
  const phone = randomUUID();
  const res = await fetch(local(`/api/join/${SESSION.code}/contributions`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inspel-participant': phone },
    body: JSON.stringify({ id: randomUUID(), question_id: question, text, table, perspective }),
    signal: AbortSignal.timeout(WAIT),
  });
  if (res.status !== 201) throw new Error(`contribution: HTTP ${res.status}`);
  return res.json();
}

await scenario('wall_room', async (h) => {
  const a = await says('Fler mötesplatser för unga på kvällar.');
  const b = await says('Skolan och socialtjänsten behöver samarbeta tidigare.', { table: 'Bord 2', perspective: 'Akademi' });
  const c = await says('Kollektivtrafik som går när unga behöver den.', { table: 'Bord 3', perspective: 'Privatperson' });
  const d = await says('Lokaler för föreningar i varje kommundel.', { question: 'q2', table: 'Bord 1', perspective: 'Civilsamhälle/idéburen sektor' });

  const wall = await h.open(await h.context(DESKTOP), SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const metaOf = (id) => wall.$eval(`.card[data-id="${id}"]`, (n) => n.querySelector('.card__meta')?.textContent ?? '');
  await waitFor(wall, `.card[data-id="${a.id}"]`, 'the card is not on the wall');

  // ---- privacy: table only by default ----
  h.check((await metaOf(a.id)) === 'Bord 1', `the card says "${await metaOf(a.id)}", not just its table`);
  h.check(!(await wall.textContent('#cards')).includes('Näringsliv'), 'a perspective shows on the wall by default');

  const console_ = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));
  h.check((await console_.$eval('#wall-shows', (s) => s.value)) === 'table', 'the console does not show "table" as the wall setting');
  await console_.selectOption('#wall-shows', 'both');
  await console_.click('#settings-form button[type="submit"]');
  await waitUntil(wall, (id) => document.querySelector(`.card[data-id="${id}"] .card__meta`)?.textContent === 'Bord 1 · Näringsliv', a.id, 'the wall did not show table and perspective after the console chose both');
  await console_.selectOption('#wall-shows', 'neither');
  await console_.click('#settings-form button[type="submit"]');
  await waitUntil(wall, (id) => !document.querySelector(`.card[data-id="${id}"] .card__meta`), a.id, 'the card still names its table or perspective after the console chose neither');
  h.check(await wall.isHidden('#table-filter'), 'the table filter shows while the wall may not name tables');
  h.check(await wall.$eval('#view option[value="table"]', (o) => o.disabled), 'the "by table" view is offered while the wall may not name tables');
  // A new card, and a fresh wall: nothing names a table or perspective.
  const e = await says('Ungdomsråd med riktig makt.', { table: 'Bord 2', perspective: 'Akademi' });
  await waitFor(wall, `.card[data-id="${e.id}"]`, 'a new card did not reach the wall');
  h.check((await metaOf(e.id)) === '', 'a new card names its table or perspective under "neither"');
  const fresh = await h.open(await h.context(DESKTOP), SESSION.wall_url, 'fresh wall');
  await ready(fresh, 'the fresh wall');
  await waitFor(fresh, `.card[data-id="${e.id}"]`, 'the fresh wall lacks the card');
  const named = await fresh.$$eval('#cards .card__meta', (ns) => ns.length);
  h.check(named === 0, `a fresh wall names tables or perspectives on ${named} cards under "neither"`);
  await fresh.close();
  await fac('PATCH', '', { wall_shows: 'table' });
  await waitUntil(wall, (id) => document.querySelector(`.card[data-id="${id}"] .card__meta`)?.textContent === 'Bord 2', e.id, 'the wall did not show tables again');

  // ---- "Per tema": every theme, with counts and newest cards ----
  const t1 = await fac('POST', '/themes', { name: 'Mötesplatser', question_id: 'q1' });
  const t2 = await fac('POST', '/themes', { name: 'Samverkan', question_id: 'q1' });
  const t3 = await fac('POST', '/themes', { name: 'Föreningsliv', question_id: 'q2' });
  await fac('POST', '/themes', { name: 'Tomt tema', question_id: null });
  for (const [card, theme] of [[a, t1], [c, t1], [e, t1], [b, t2], [d, t3]]) await fac('PUT', `/contributions/${card.id}/theme`, { theme_id: theme.id });
  const extra = await says('Fritidsgårdar öppna på helger.');
  await fac('PUT', `/contributions/${extra.id}/theme`, { theme_id: t1.id });
  const loose = await says('Ett inspel som inget tema har fått ännu.');
  await wall.selectOption('#view', 'theme');
  const tile = (t) => `#cards.cards-area--themes [data-theme-group="${t}"]`;
  await waitFor(wall, `${tile(t3.id)} .card[data-id="${d.id}"]`, 'the theme overview lacks a theme of another question with its card');
  const tiles = await wall.$$eval('#cards [data-theme-group]', (ss) => ss.map((s) => ({ id: s.dataset.themeGroup, head: s.querySelector('.group__head').textContent, cards: s.querySelectorAll('.card').length })));
  h.check(tiles.length === 5, `the overview has ${tiles.length} tiles, not 4 themes and "no theme": ${JSON.stringify(tiles)}`);
  const first = tiles.find((x) => x.id === t1.id);
  h.check(first && /4 inspel/.test(first.head) && first.cards === 3, `the theme with 4 cards says "${first?.head}" and shows ${first?.cards} cards, not "4 inspel" and its 3 newest`);
  h.check(await wall.locator(`${tile(t1.id)} .card[data-id="${extra.id}"]`).count() === 1, 'the newest card of a theme is not on its tile');
  h.check(tiles.some((x) => x.head.includes('Tomt tema')), 'an empty theme has no tile');
  h.check(await wall.locator(`${tile('')} .card[data-id="${loose.id}"]`).count() === 1, 'a card in no theme is not on the "no theme" tile');
  const found = [];
  found.push(...(await axeLines(wall, 'wall by theme, sv')));

  // ---- votes: hidden until revealed ----
  await wall.selectOption('#view', 'question');
  const v = await fac('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: 3 });
  await waitFor(wall, '#vote-banner', 'the wall does not say a vote is on', { state: 'visible' });
  h.check(/rösta i mobilen/.test(await wall.textContent('#vote-banner')), 'the vote line does not tell the room to vote on their phones');
  h.check(await wall.isVisible(`.card[data-id="${a.id}"]`), 'the cards left the wall while the room votes');
  await vote(v.id, a.id, 2, 'phone-one');
  await vote(v.id, b.id, 1, 'phone-two');
  h.check(await wall.isHidden('#vote-results'), 'the wall shows results before they were revealed');
  await waitFor(console_, `#vote-bars [data-vote-item="${a.id}"][data-total="2"]`, 'the console does not see the totals');
  await console_.click('#vote-reveal');
  await waitFor(wall, `#vote-results [data-vote-item="${a.id}"][data-total="2"]`, 'the wall did not show the bars after "Visa resultatet"');
  h.check(await wall.isHidden('#vote-banner'), 'the "voting" line stays with the results up');
  found.push(...(await axeLines(wall, 'wall with the vote revealed, sv')));
  await vote(v.id, c.id, 1, 'phone-three');
  await waitFor(wall, `#vote-results [data-vote-item="${c.id}"][data-total="1"]`, 'a revealed open vote does not follow new dots');
  await console_.click('#vote-reveal');
  await waitFor(wall, '#vote-results', 'the bars stayed after "Dölj resultatet"', { state: 'hidden' });
  await waitFor(wall, `.card[data-id="${a.id}"]`, 'the cards did not come back after the result was hidden', { state: 'visible' });
  // Closed, shown, then the room moves on: the bars go by themselves.
  await fac('POST', `/votes/${v.id}/close`);
  await fac('POST', `/votes/${v.id}/reveal`);
  await waitFor(wall, '#vote-results[data-state="closed"]', 'the closed vote\'s result did not show when revealed', { state: 'visible' });
  await wall.click('#lang');
  await waitFor(wall, 'html[lang="en"]', 'the wall did not switch to English');
  found.push(...(await axeLines(wall, 'wall with the closed vote, en')));
  await fac('POST', '/questions/q2/activate');
  await waitFor(wall, '#vote-results', 'the closed result lingered after the room moved on', { state: 'hidden' });
  await wall.selectOption('#view', 'theme');
  found.push(...(await axeLines(wall, 'wall by theme, en')));
  h.check(found.length === 0, `axe-core found:\n    ${found.join('\n    ')}`);
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

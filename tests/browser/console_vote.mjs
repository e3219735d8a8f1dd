// Scenario: dot voting from the console. The facilitator starts a vote with 3 dots on the
// active question's cards (#vote-target, #vote-dots, #vote-start); phones place dots; the
// console shows each total live as a bar ([data-vote-item][data-total]); #vote-close ends it.
import { DESKTOP, PHONE, SESSION, api, missingKeys, ready, scenario, waitFor } from './lib.mjs';
import { openConsole, phoneSays, phoneVotes } from './console_helpers.mjs';

await scenario('console_vote', async (h) => {
  const a = await phoneSays('Barnens röst tidigt i processen.');
  const b = await phoneSays('Skolan måste vara med från början.');
  const c = await phoneSays('Fler vägar in i föreningslivet.');

  const phone = await h.open(await h.context(PHONE), SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  const fac = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));
  await fac.selectOption('#vote-target', 'contributions');
  await fac.fill('#vote-dots', '3');
  await fac.click('#vote-start');
  await waitFor(fac, `[data-vote-item="${a.id}"][data-total="0"]`, 'starting the vote showed no bar [data-vote-item] for the cards');
  const vote = (await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token)).votes.at(-1);
  h.check(vote?.open && vote.dots === 3, `the stored vote is not open with 3 dots: ${JSON.stringify(vote)}`);

  // A phone places two dots on a and one on b with its page's + buttons.
  const plus = (id) => `#vote li[data-item="${id}"] button[data-more]`;
  await waitFor(phone, plus(a.id), 'the phone shows no + button for the vote', { state: 'visible' });
  await phone.click(plus(a.id));
  await waitFor(fac, `[data-vote-item="${a.id}"][data-total="1"]`, 'the console bar did not show the phone\'s first dot');
  await phone.click(plus(a.id));
  await phone.click(plus(b.id));
  await waitFor(fac, `[data-vote-item="${a.id}"][data-total="2"]`, 'the console bar of the card with 2 dots does not show data-total="2"');
  await waitFor(fac, `[data-vote-item="${b.id}"][data-total="1"]`, 'the console bar of the card with 1 dot does not show data-total="1"');
  // The budget is the server's: a fourth dot from this phone is refused.
  const me = await phone.evaluate(() => JSON.parse(localStorage.getItem('inspel.participant')));
  const over = await phoneVotes(vote.id, c.id, 1, me);
  h.check(over.status === 409, `a fourth dot was not refused: HTTP ${over.status} ${JSON.stringify(over.data)}`);
  const firstBar = await fac.$eval('#vote-bars li', (li) => li.dataset.voteItem);
  h.check(firstBar === a.id, 'the bars are not sorted with the most dots first');
  const meter = await fac.$eval(`[data-vote-item="${a.id}"] meter`, (m) => [m.value, m.max]);
  h.check(meter[0] === 2 && meter[1] === 2, `the bar's meter is ${JSON.stringify(meter)}, not full at 2 of 2`);

  await fac.click('#vote-close');
  await fac.waitForFunction(() => document.querySelector('#vote-close')?.hidden === true, null, { timeout: 10_000 });
  const closed = (await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token)).votes.at(-1);
  h.check(closed && !closed.open, '#vote-close did not close the vote');
  h.check(await fac.locator(`[data-vote-item="${a.id}"][data-total="2"]`).count() === 1, 'the totals went away when the vote closed');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

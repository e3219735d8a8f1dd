// Scenario (issue 8): the facilitator moves on while a phone is typing. The phone has drafts in
// questions 1 and 2 of the round "Dialog 15 minuter" and is typing in question 1 when "Nästa
// pass" closes the round. The box keeps its text and its focus and says "Frågan är stängd –
// ditt utkast finns kvar"; typing goes on in the same box; the drafts survive a reload; the
// draft sent within the grace period is stored under question 1 (never under the new round's
// question) exactly once, marked late. After the grace period the other draft can only be
// copied, and copying gives its text.
import { PHONE, SESSION, exported, itemState, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { fac } from './facil.mjs';

const NOTICE = 'Frågan är stängd – ditt utkast finns kvar.';

await scenario('rounds_misfile', async (h) => {
  const ctx = await h.context({ ...PHONE, viewport: { width: 320, height: 568 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const phone = await h.open(ctx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  await waitFor(phone, 'section.ask[data-question="q3"]', 'the phone does not show the round\'s three questions');

  // A draft in question 2, then typing in question 1 (where focus stays).
  const second = 'Ett utkast till fråga två som inte hann skickas.';
  await phone.fill('#text-q2', second);
  await phone.click('#text-q1');
  const typed = 'Skrivet till fråga ett';
  await phone.keyboard.type(typed);

  // The facilitator moves on to the next round while the text is in the box.
  await fac('POST', '/rounds/next');
  await waitFor(phone, 'section.ask[data-question="q4"]', 'the phone did not show the next round\'s question');
  await waitFor(phone, 'section.ask[data-question="q1"][data-state="late"]', 'question 1\'s box is not shown as closed with a draft that can still be sent');
  const notice = (await phone.textContent('#notice-q1')) ?? '';
  h.check(notice.includes(NOTICE), `question 1's box says "${notice}", not "${NOTICE}"`);
  const focused = await phone.evaluate(() => document.activeElement?.id);
  h.check(focused === 'text-q1', `focus left the box being typed in (it is on ${focused})`);
  await waitUntil(phone, (n) => document.querySelector('#announce').textContent.includes(n), NOTICE, 'the change was not announced to screen readers');
  h.check((await phone.inputValue('#text-q1')) === typed, 'the text typed in question 1 changed when the round closed');
  // The keyboard is still in question 1's box.
  await phone.keyboard.type(', och lite till efter bytet.');
  const full = `${typed}, och lite till efter bytet.`;
  h.check((await phone.inputValue('#text-q1')) === full, `typing after the switch did not go on in question 1's box: "${await phone.inputValue('#text-q1')}"`);
  h.check((await phone.inputValue('#text-q4')) === '', 'typing after the switch reached the new question\'s box');
  // The drafts left behind come first, above the new round's heading.
  const order = await phone.$$eval('#asks > *', (ns) => ns.map((n) => n.dataset.question || n.id));
  h.check(order.join() === 'q1,q2,round,q4', `the phone shows ${order.join(', ')}, not the two drafts, the round's heading and question 4`);

  // Drafts are kept per question across a reload.
  await phone.reload({ waitUntil: 'load' });
  await ready(phone, 'the phone page after a reload');
  await waitFor(phone, 'section.ask[data-question="q1"][data-state="late"]', 'after a reload question 1\'s draft is gone');
  h.check((await phone.inputValue('#text-q1')) === full, `after a reload question 1's box holds "${await phone.inputValue('#text-q1')}"`);
  h.check((await phone.inputValue('#text-q2')) === second, `after a reload question 2's box holds "${await phone.inputValue('#text-q2')}"`);

  // Sent within the grace period: stored, marked late, said calmly where the eye is.
  await phone.click('#send-q1');
  const id = await waitUntil(phone, () => document.querySelector('#mine li[data-id]')?.dataset.id, null, 'sending added nothing to ul#mine').then((x) => x.jsonValue());
  await itemState(phone, id, 'sent');
  await waitUntil(phone, () => /Skickat/.test(document.querySelector('#status-q1')?.textContent ?? ''), null, 'question 1\'s box does not say it was sent');
  h.check(/sent inkommet/i.test((await phone.textContent(`#mine li[data-id="${id}"]`)) ?? ''), 'the sent item is not marked as late on the phone');

  // Past the grace period the other draft can only be copied.
  await fac('PATCH', '', { late_grace_secs: 0 });
  await waitFor(phone, 'section.ask[data-question="q2"][data-state="gone"]', 'question 2\'s draft is not shown as past the grace period');
  h.check(await phone.isHidden('#send-q2'), 'a draft past the grace period can still be sent');
  await phone.click('button[data-copy="q2"]');
  await waitUntil(phone, () => /kopierad/.test(document.querySelector('#status-q2')?.textContent ?? ''), null, 'copying the draft was not confirmed');
  const clip = await phone.evaluate(() => navigator.clipboard.readText().catch((e) => `(${e.message})`));
  h.check(clip === second, `the clipboard holds "${clip}", not the draft`);

  // The export: question 1's text under question 1, once, late; nothing under question 4.
  const data = await exported();
  const rows = data.contributions.filter((c) => c.text === full);
  h.check(rows.length === 1, `export.json holds the text ${rows.length} times, not once`);
  h.check(rows[0]?.question_id === 'q1', `export.json files it under ${rows[0]?.question_id}, not q1`);
  h.check(rows[0]?.late === true, `export.json does not mark it late: ${JSON.stringify(rows[0])}`);
  h.check(rows[0]?.id === id, 'the stored id is not the phone\'s');
  h.check(data.contributions.length === 1, `export.json holds ${data.contributions.length} contributions, not 1`);
  h.check(!data.contributions.some((c) => c.question_id === 'q4'), 'something was filed under the new round\'s question');
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

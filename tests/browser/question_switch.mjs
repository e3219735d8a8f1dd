// Scenario 2: the facilitator activates question 2; the phone follows live. Also the
// console's export buttons.
import fs from 'node:fs';
import { DESKTOP, PHONE, SESSION, WAIT, phoneQuestions, question, ready, scenario, submit, itemState, waitFor, waitUntil } from './lib.mjs';

await scenario('question_switch', async (h) => {
  const phoneCtx = await h.context(PHONE);
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  const first = await phoneQuestions(phone);
  h.check(first.join() === 'q1', `the phone starts with boxes for ${first.join(', ')}, not question 1 alone`);
  const heading = ((await phone.textContent('section.ask[data-question="q1"] h2')) ?? '').trim();
  h.check(heading.includes(question('q1')), `the phone's box is headed "${heading}", not question 1 "${question('q1')}"`);

  const facCtx = await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } });
  const fac = await h.open(facCtx, SESSION.facilitator_url, 'facilitator');
  await ready(fac, 'the facilitator console');
  await waitFor(fac, 'li[data-question="q1"][aria-current="true"]', 'the console does not mark q1 as the active question');

  await fac.click('button[data-action="activate"][data-question="q2"]');

  await waitUntil(
    phone,
    (text) => [...document.querySelectorAll('section.ask')].map((s) => s.querySelector('h2')?.textContent ?? '').join('|') === text,
    question('q2'),
    `the phone did not change to question 2 "${question('q2')}" alone`,
  );
  await waitFor(fac, 'li[data-question="q2"][aria-current="true"]', 'the console does not mark q2 as active after activating it');
  const stale = await fac.locator('li[data-question="q1"][aria-current="true"]').count();
  h.check(stale === 0, 'the console still marks q1 aria-current="true" after activating q2');

  // An answer to question 2, then each export button gives a file that holds it.
  const text = 'Svar på fråga två, för exporten.';
  const id = await submit(phone, text);
  await itemState(phone, id, 'sent');
  for (const [button, check] of [
    ['#export-json', (body) => JSON.parse(body).contributions.some((c) => c.id === id && c.question_id === 'q2')],
    ['#export-csv', (body) => body.includes(text)],
    ['#export-md', (body) => body.includes(text)],
  ]) {
    try {
      const [download] = await Promise.all([fac.waitForEvent('download', { timeout: WAIT }), fac.click(button)]);
      const body = fs.readFileSync(await download.path(), 'utf8');
      let ok = false;
      try {
        ok = check(body);
      } catch {}
      h.check(ok, `the file from ${button} (${download.suggestedFilename()}) does not hold the contribution "${text}"`);
    } catch (e) {
      h.check(false, `${button} gave no download: ${e.message.split('\n')[0]}`);
    }
  }
});

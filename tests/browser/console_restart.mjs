// Scenario (issue 10, console timer defects): "Starta" on a countdown that still counts asks
// before starting it again from the beginning: dismissed, the countdown goes on untouched;
// accepted, it starts over. The same for a round's shared countdown, and for a paused one.
// Closing a question stops its countdown, so neither its row nor the bar says "pågår" any more.
import { DESKTOP, SESSION, api, missingKeys, scenario, waitFor, waitUntil } from './lib.mjs';
import { facApi, openConsole } from './console_helpers.mjs';

const stored = async (qid) => (await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token)).questions.find((q) => q.id === qid).timer;

/** Clicks `sel` and answers the confirmation it raises; resolves to its message ('' if none). */
async function clickAnswering(page, sel, accept) {
  let message = '';
  const onDialog = (d) => {
    message = d.message();
    (accept ? d.accept() : d.dismiss()).catch(() => {});
  };
  page.once('dialog', onDialog);
  await page.click(sel);
  // A dialog, if any, comes synchronously within the click's handler.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  page.off('dialog', onDialog);
  return message;
}

await scenario('console_restart', async (h) => {
  const fac = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));
  const start = '[data-timer="start"][data-question="q1"]';

  // Nothing runs yet: starting asks nothing.
  await fac.fill('#minutes-q1', '5');
  h.check((await clickAnswering(fac, start, true)) === '', 'starting a countdown that was not running asked first');
  await waitUntil(fac, () => /^4:5\d|^5:00/.test(document.querySelector('#timer-q1')?.textContent ?? ''), null, '#timer-q1 does not count down from 5:00');
  const first = await stored('q1');

  // Running: "Starta" asks; no keeps it as it was.
  const asked = await clickAnswering(fac, start, false);
  h.check(/pågår/.test(asked) && /fråga 1/.test(asked) && /\d:\d\d/.test(asked), `the question asked is "${asked}"`);
  await waitUntil(fac, () => /fortsätter som förut/.test(document.querySelector('#questions-status')?.textContent ?? ''), null, 'saying no did not say the countdown goes on');
  h.check((await stored('q1')).ends_at === first.ends_at, 'saying no restarted the countdown');

  // Yes starts it over, with the new length.
  await fac.fill('#minutes-q1', '2');
  h.check((await clickAnswering(fac, start, true)) !== '', 'a second start did not ask');
  await waitUntil(fac, () => /^1:5\d|^2:00/.test(document.querySelector('#timer-q1')?.textContent ?? ''), null, 'saying yes did not restart from 2:00');
  h.check((await stored('q1')).duration_secs === 120, 'the restarted countdown is not 2 minutes');

  // Paused with time left: it still asks.
  await fac.click('[data-timer="pause"][data-question="q1"]');
  await waitFor(fac, '[data-timer="resume"][data-question="q1"]:not([hidden])', 'pausing shows no resume button');
  h.check(/pågår/.test(await clickAnswering(fac, start, false)), 'starting a paused countdown did not ask');
  h.check((await stored('q1')).running === false, 'saying no to a paused countdown changed it');
  await fac.click('[data-timer="resume"][data-question="q1"]');
  await waitFor(fac, '[data-timer="pause"][data-question="q1"]:not([hidden])', 'resuming shows no pause button');

  // Closing the question stops its countdown: its row and the bar stop saying "pågår".
  await waitUntil(fac, () => /pågår/.test(document.querySelector('#bar-timer-state')?.textContent ?? ''), null, 'the bar does not show the running countdown');
  await fac.click('button[data-action="close"][data-question="q1"]');
  await waitUntil(fac, () => !/pågår/.test(document.querySelector('#timer-q1')?.parentElement?.textContent ?? 'pågår'), null, 'closing the question left its countdown "pågår" in the console');
  await waitUntil(fac, () => document.querySelector('#bar-timer')?.hidden === true, null, 'closing the question left the countdown in the bar');
  h.check((await stored('q1')) === null, 'closing the question left the stored countdown');

  // A round of two questions has one countdown: the same question before a restart.
  await facApi('PUT', '/rounds', {
    rounds: [
      { id: 'r1', title: '', duration_secs: null, question_ids: ['q1'] },
      { id: 'r2', title: 'Dialog', duration_secs: 600, question_ids: ['q2', 'q3'] },
    ],
  });
  const roundStart = '[data-round-timer="start"][data-round="r2"]';
  await waitFor(fac, `${roundStart}:not([disabled])`, 'the round of two questions has no countdown to start');
  h.check((await clickAnswering(fac, roundStart, true)) === '', 'starting a round countdown that was not running asked first');
  await waitUntil(fac, () => /^9:5\d|^10:00/.test(document.querySelector('#round-timer-r2')?.textContent ?? ''), null, 'the round countdown does not run from 10:00');
  const roundEnds = (await stored('q2')).ends_at;
  const askedRound = await clickAnswering(fac, roundStart, false);
  h.check(/Pass 2: Dialog/.test(askedRound) && /pågår/.test(askedRound), `the round's question is "${askedRound}"`);
  h.check((await stored('q2')).ends_at === roundEnds, 'saying no restarted the round countdown');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

// Scenario (issue 10, language): counted words follow the language's plural rules
// (Intl.PluralRules), so the console never says "1 prickar". A vote with 1 dot per phone says
// "1 prick per telefon · 0 prickar lagda", then "1 prick lagd", then "2 prickar lagda"; with 2
// dots "2 prickar per telefon"; in English "1 dot per phone", "2 dots placed". The vote is on
// "inspel till fråga 1".
import { DESKTOP, missingKeys, scenario, waitUntil } from './lib.mjs';
import { facApi, openConsole, phoneSays, phoneVotes } from './console_helpers.mjs';

const says = (page, want, message) => waitUntil(page, (w) => (document.querySelector('#vote-summary')?.textContent ?? '') === w, want, `${message}: #vote-summary is not "${want}"`);

await scenario('console_plurals', async (h) => {
  const a = await phoneSays('Barnens röst tidigt i processen.');
  const b = await phoneSays('Skolan måste vara med från början.');
  const fac = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));

  const one = await facApi('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: 1 });
  await says(fac, '1 prick per telefon · 0 prickar lagda', 'a vote with one dot');
  h.check(/inspel till fråga 1/.test(await fac.textContent('#vote-title')), `the vote's title is "${await fac.textContent('#vote-title')}"`);
  await phoneVotes(one.id, a.id, 1, 'plural-phone-1');
  await says(fac, '1 prick per telefon · 1 prick lagd', 'one dot placed');
  await phoneVotes(one.id, b.id, 1, 'plural-phone-2');
  await says(fac, '1 prick per telefon · 2 prickar lagda', 'two dots placed');
  h.check(/^1 prick$/.test((await fac.textContent(`[data-vote-item="${a.id}"] .bar__total`)).trim()), 'a bar with one dot does not say "1 prick"');

  await fac.click('button#lang');
  await waitUntil(fac, () => document.documentElement.lang === 'en', null, 'the switch did not turn the console English');
  await says(fac, '1 dot per phone · 2 dots placed', 'in English');
  await fac.click('button#lang');
  await waitUntil(fac, () => document.documentElement.lang === 'sv', null, 'the switch did not turn the console Swedish again');

  await facApi('POST', `/votes/${one.id}/close`);
  await facApi('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: 2 });
  await says(fac, '2 prickar per telefon · 0 prickar lagda', 'a vote with two dots');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

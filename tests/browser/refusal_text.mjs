// Scenario (issue 12, error texts): a page shows a server's refusal by its stable code, in the
// words of its own language file (`problem.<code>`), when that sentence needs no values the
// server filled in; otherwise the server's own sentence in the page's language. The module the
// console already loaded is asked directly, with server words that differ from the file's, so
// which of the two was shown is plain.
import { DESKTOP, scenario } from './lib.mjs';
import { openConsole } from './console_helpers.mjs';

await scenario('refusal_text', async (h) => {
  const fac = await openConsole(h, await h.context({ ...DESKTOP, locale: 'sv-SE' }));
  const said = () =>
    fac.evaluate(async () => {
      const { refusalText } = await import('/assets/js/i18n.js');
      const server = (code) => refusalText(code, 'serverns ord', 'server words');
      return {
        lang: document.documentElement.lang,
        plain: server('vote_open'),
        valued: server('bad_dots'),
        variants: server('rate_limited'),
        unknown: server('no_such_code'),
        none: refusalText('', '', ''),
      };
    });
  let s = await said();
  h.check(s.lang === 'sv', `the console opened in "${s.lang}"`);
  h.check(s.plain === 'En röstning pågår redan; stäng den först.', `vote_open in Swedish: "${s.plain}"`);
  h.check(s.valued === 'serverns ord', `a sentence with {max} is the server's: "${s.valued}"`);
  h.check(s.variants === 'serverns ord', `a code with variants is the server's sentence: "${s.variants}"`);
  h.check(s.unknown === 'serverns ord', `an unknown code is the server's sentence: "${s.unknown}"`);
  h.check(s.none === '', `nothing to say: "${s.none}"`);

  await fac.click('button#lang');
  await fac.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 10_000 });
  s = await said();
  h.check(s.plain === 'A vote is open already; close it first.', `vote_open in English: "${s.plain}"`);
  h.check(s.valued === 'server words', `in English, a sentence with {max} is the server's: "${s.valued}"`);
});

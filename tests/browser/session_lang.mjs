// Scenario (issue 10, language): the session's language is the pages' default. A Swedish
// session opens in Swedish on a phone, a wall and a console whose browsers are set to English.
// The facilitator sets the session to English (#session-language, under Före): the open phone
// and wall follow at once, and a phone opened afterwards in a Swedish browser opens in English.
// A reader who switched keeps their choice, across a reload and a change of the session's.
import { DESKTOP, PHONE, SESSION, api, missingKeys, ready, scenario, waitUntil } from './lib.mjs';
import { facApi, openConsole } from './console_helpers.mjs';

const lang = (page) => page.evaluate(() => document.documentElement.lang);

await scenario('session_lang', async (h) => {
  const english = { locale: 'en-GB' };
  const phone = await h.open(await h.context({ ...PHONE, ...english }), SESSION.join_url, 'phone, English browser');
  await ready(phone, 'the phone page');
  const wall = await h.open(await h.context({ ...DESKTOP, ...english }), SESSION.wall_url, 'wall, English browser');
  await ready(wall, 'the wall');
  const fac = await openConsole(h, await h.context({ ...DESKTOP, ...english }));
  for (const [page, what] of [[phone, 'phone'], [wall, 'wall'], [fac, 'console']]) {
    h.check((await lang(page)) === 'sv', `the ${what} of a Swedish session opened in "${await lang(page)}" in an English browser`);
  }
  h.check(/Skicka/.test(await phone.textContent('body')), 'the phone does not say "Skicka"');

  // A phone that switched to English keeps it across a reload.
  const switcher = await h.open(await h.context({ ...PHONE, locale: 'sv-SE' }), SESSION.join_url, 'phone that switches');
  await ready(switcher, 'the switching phone');
  await switcher.click('button#lang');
  await waitUntil(switcher, () => document.documentElement.lang === 'en', null, 'the switch did not turn the phone English');

  // The facilitator makes the session English, in the console's settings.
  await fac.selectOption('#session-language', 'en');
  await fac.click('#settings-form button[type="submit"]');
  await waitUntil(fac, () => document.documentElement.lang === 'en', null, 'the console did not follow the session to English');
  const view = await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token);
  h.check(view.settings.language === 'en', `the stored language is "${view.settings.language}"`);
  await waitUntil(phone, () => document.documentElement.lang === 'en', null, 'the open phone did not follow the session to English');
  await waitUntil(wall, () => document.documentElement.lang === 'en', null, 'the open wall did not follow the session to English');
  h.check(/Send/.test(await phone.textContent('body')), 'the phone does not say "Send"');

  // A new phone in a Swedish browser opens the English session in English.
  const late = await h.open(await h.context({ ...PHONE, locale: 'sv-SE' }), SESSION.join_url, 'phone, Swedish browser');
  await ready(late, 'the late phone');
  h.check((await lang(late)) === 'en', `a phone opened on the English session is in "${await lang(late)}"`);

  // The one who switched: back to Swedish by hand, and it stays so on reload, session or not.
  await switcher.click('button#lang');
  await waitUntil(switcher, () => document.documentElement.lang === 'sv', null, 'the switch did not turn the phone Swedish again');
  await switcher.reload();
  await ready(switcher, 'the reloaded phone');
  h.check((await lang(switcher)) === 'sv', 'a reader\'s own choice gave way to the session\'s language on reload');
  // The session goes Swedish and English again; the late phone, which never chose, follows
  // both changes, and by then the switcher has had them too and stayed Swedish.
  await facApi('PATCH', '', { language: 'sv' });
  await waitUntil(late, () => document.documentElement.lang === 'sv', null, 'the late phone did not follow the session back to Swedish');
  await facApi('PATCH', '', { language: 'en' });
  await waitUntil(late, () => document.documentElement.lang === 'en', null, 'the late phone did not follow the session to English again');
  await switcher.waitForFunction(() => document.querySelector('#conn')?.dataset.state === 'online', null, { timeout: 10_000 });
  h.check((await lang(switcher)) === 'sv', 'a reader\'s own choice gave way to a change of the session\'s language');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

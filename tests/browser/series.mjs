// Scenario (issue 9, item 6): a series of meetings. The console of the second meeting of
// "Uppdrag Värmland" shows what the first said ("Förra gången sa vi …": its theme, count and
// examples) in a collapsible section, sets the meeting's place, and links to the series page;
// the series page lists both meetings with their places and counts, each linking to its
// secretary page, and downloads the whole series as one Word file; a wall token is refused;
// axe-core finds nothing on the console or the series page, in Swedish or English.
import { ADMIN_TOKEN, BASE, DESKTOP, SESSION, api, axeLines, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';

const EARLIER = JSON.parse(process.env.INSPEL_EARLIER);
const SIZE = { ...DESKTOP, viewport: { width: 1280, height: 900 }, acceptDownloads: true };

async function bothLanguages(h, page, where) {
  const problems = [];
  const first = await page.evaluate(() => document.documentElement.lang);
  problems.push(...(await axeLines(page, `${where}, ${first}`)));
  await page.click('button#lang');
  await waitUntil(page, (was) => document.documentElement.lang !== was, first, `the ${where} did not switch language`);
  problems.push(...(await axeLines(page, `${where}, ${first === 'sv' ? 'en' : 'sv'}`)));
  h.check(problems.length === 0, `axe-core found violations:\n      ${problems.join('\n      ')}`);
  await page.click('button#lang');
  await waitUntil(page, (was) => document.documentElement.lang === was, first, `the ${where} did not switch back`);
}

await scenario('series', async (h) => {
  const ctx = await h.context(SIZE);
  const con = await h.open(ctx, SESSION.facilitator_url, 'console');
  await ready(con, 'the console');
  await waitFor(con, '#series-panel .series-earlier:not([hidden]) summary', 'no "Förra gången sa vi …" section');
  const summary = await con.textContent('#series-panel .series-earlier summary');
  h.check(summary === 'Förra gången sa vi …', `the section is called "${summary}"`);
  const now = await con.textContent('#series-panel p.hint');
  h.check(now.includes('Uppdrag Värmland'), `the panel says "${now}"`);
  // Collapsed until opened; then the earlier meeting's theme, its count and an example.
  h.check(!(await con.isVisible('#series-panel .series-earlier__list')), 'the earlier meetings show before the section is opened');
  await con.click('#series-panel .series-earlier summary');
  const earlier = await con.textContent('#series-panel .series-earlier__list');
  h.check(earlier.includes('Uppdrag Värmland: träff') && earlier.includes('Karlstad, Residenset'), `the earlier meeting is not named: "${earlier}"`);
  h.check(earlier.includes('Kollektivtrafik') && earlier.includes('(2 inspel)'), `the theme and its count: "${earlier}"`);
  h.check(earlier.includes('Bussarna går för sällan på kvällen'), `an example text: "${earlier}"`);
  h.check(!earlier.includes('Föreningslivet'), 'a card in no theme is not a theme');
  await bothLanguages(h, con, 'console');

  // The place of this meeting, saved from the panel (an event: the panel follows it).
  await con.fill('#meeting-place', 'Arvika, Folkets hus');
  await con.click('#series-panel form button[type="submit"]');
  await waitUntil(con, () => document.querySelector('#series-panel [role="status"]').textContent.length > 0, null, 'saving said nothing');
  const status = await con.textContent('#series-panel [role="status"]');
  h.check(status === 'Serie och plats är sparade.', `saving said "${status}"`);
  await waitUntil(con, () => document.querySelector('#series-panel p.hint').textContent.includes('Arvika'), null, 'the panel does not show the new place');

  // The series page, from the panel's link.
  const href = await con.getAttribute('#series-panel a.btn', 'href');
  h.check(href.startsWith('/series/uppdrag-varmland#token='), `the series link is "${href}"`);
  const page = await h.open(ctx, new URL(href, SESSION.facilitator_url).href, 'series page');
  await ready(page, 'the series page');
  const title = await page.textContent('h1');
  h.check(title === 'Uppdrag Värmland', `the series page is titled "${title}"`);
  const rows = await page.$$eval('#meetings tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  h.check(rows.length === 2, `${rows.length} meetings listed`);
  h.check(rows[0][2] === 'Karlstad, Residenset' && rows[0][3] === '3' && rows[1][2] === 'Arvika, Folkets hus' && rows[1][3] === '0', `the rows say ${JSON.stringify(rows)}`);
  const links = await page.$$eval('#meetings a', (as) => as.map((a) => a.href));
  h.check(links[0] === EARLIER.secretary_url && links[1] === SESSION.secretary_url, `the meetings link to ${JSON.stringify(links)}`);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('#export-docx')]);
  const name = download.suggestedFilename();
  h.check(/^\d{4}-\d{2}-\d{2} Uppdrag Värmland\.docx$/.test(name), `the series' Word file is named "${name}"`);
  await bothLanguages(h, page, 'series page');

  // A wall token (a wall link may be public) does not open the series.
  const wall = await h.open(ctx, `${new URL('/series/uppdrag-varmland', SESSION.facilitator_url).href}#token=${SESSION.wall_token}`, 'series page, wall token');
  await ready(wall, 'the refused series page');
  h.check(await wall.isVisible('#problem'), 'the wall token was not refused');
  h.check(!(await wall.isVisible('#series')), 'the series shows to a wall token');
  await bothLanguages(h, wall, 'refused series page');

  // The secretary sees the panel without the form.
  const sec = await h.open(ctx, SESSION.secretary_url, 'secretary page');
  await ready(sec, 'the secretary page');
  await waitFor(sec, '#series-panel .series-earlier:not([hidden])', 'the secretary has no earlier meetings');
  h.check(!(await sec.isVisible('#series-panel form')), 'the secretary can change the series');

  // The admin files a new meeting into the series from the create form.
  const admin = await h.open(ctx, `${BASE}/admin#token=${ADMIN_TOKEN}`, 'admin');
  await ready(admin, 'the admin page');
  await admin.fill('form#create input#title', 'Riktningsmöte');
  await admin.fill('form#create textarea#questions', 'Vad tar vi med oss?');
  await admin.fill('form#create input#new-series', 'uppdrag värmland');
  await admin.fill('form#create input#new-place', 'Säffle');
  const adminAxe = await axeLines(admin, 'admin page with the series fields');
  h.check(adminAxe.length === 0, `axe-core found violations:\n      ${adminAxe.join('\n      ')}`);
  await admin.locator('form#create [type="submit"]').click();
  await waitUntil(admin, () => [...document.querySelectorAll('#sessions li')].some((li) => li.textContent.includes('Riktningsmöte')), null, 'the new meeting is not listed');
  const listed = await api('/api/series/uppdrag-varmland', ADMIN_TOKEN);
  const last = listed.meetings.at(-1);
  h.check(listed.meetings.length === 3 && last.title === 'Riktningsmöte' && last.place === 'Säffle', `the series holds ${JSON.stringify(listed.meetings.map((m) => [m.title, m.place]))}`);
  h.check(listed.name === 'Uppdrag Värmland', `the series is now called "${listed.name}"`);

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

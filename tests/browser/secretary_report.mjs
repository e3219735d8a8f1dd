// Scenario (issue 9): the secretary's documentation. The secretary page offers each format
// with a plain Swedish label, downloads the Word document under a name that keeps å/ä/ö, opens
// the printable report (merged duplicates under their card), prints the secretary page in full
// (no scroll box), and axe-core finds nothing on either page in Swedish or English. The
// secretary writes a note on a question and one on a theme in the notes panel; both come first
// under their question and theme in the printable report. With INSPEL_SCREENSHOTS set, it also
// writes docs/screenshots/report-print.png; with INSPEL_ARTIFACTS, the Word file it downloaded
// (for docs/screenshots/report-docx-*.png, made with LibreOffice: see docs/performance.md).
import fs from 'node:fs';
import path from 'node:path';
import { DESKTOP, SESSION, axeLines, missingKeys, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { facApi, phoneSays, phoneVotes } from './console_helpers.mjs';

const SIZE = { ...DESKTOP, viewport: { width: 1280, height: 800 }, acceptDownloads: true };
const shots = process.env.INSPEL_SCREENSHOTS;

async function bothLanguages(h, page, where) {
  const problems = [];
  const first = await page.evaluate(() => document.documentElement.lang);
  problems.push(...(await axeLines(page, `${where}, ${first}`)));
  await page.click('button#lang');
  await waitUntil(page, (was) => document.documentElement.lang !== was, first, `the ${where} did not switch language`);
  await ready(page, where);
  await waitUntil(page, () => !document.querySelector('[aria-busy="true"]'), null, `the ${where} stayed busy`);
  problems.push(...(await axeLines(page, `${where}, ${first === 'sv' ? 'en' : 'sv'}`)));
  h.check(problems.length === 0, `axe-core found violations:\n      ${problems.join('\n      ')}`);
  // Back to Swedish for what follows.
  await page.click('button#lang');
  await waitUntil(page, (was) => document.documentElement.lang === was, first, `the ${where} did not switch back`);
}

await scenario('secretary_report', async (h) => {
  const texts = [
    ['Barnens röst måste höras tidigt i processen.', 'Bord 1'],
    ['Låt barnen komma till tals tidigt!', 'Bord 2'],
    ['Skolan måste vara med från början.', 'Bord 2'],
    ['Fler vägar in till föreningslivet för unga 🙂', 'Bord 3'],
  ];
  const cards = [];
  for (const [text, table] of texts) cards.push(await phoneSays(text, { table }));
  for (let i = 0; i < 12; i += 1) await phoneSays(`Inspel nummer ${i + 1} om hälsa, skola och fritid för unga.`, { question: 'q2', table: 'Bord 1' });
  const theme = await facApi('POST', '/themes', { name: 'Barns delaktighet', question_id: 'q1' });
  await facApi('PUT', `/contributions/${cards[0].id}/theme`, { theme_id: theme.id });
  await facApi('POST', `/contributions/${cards[1].id}/merge`, { into: cards[0].id });
  const vote = await facApi('POST', '/votes', { question_id: 'q1', target: 'contributions', dots: 3 });
  await phoneVotes(vote.id, cards[0].id, 2, 'phone-a');
  await phoneVotes(vote.id, cards[2].id, 1, 'phone-b');
  await facApi('POST', `/votes/${vote.id}/close`);

  const ctx = await h.context(SIZE);
  const sec = await h.open(ctx, SESSION.secretary_url, 'secretary page');
  await ready(sec, 'the secretary page');

  // The secretary's notes: one on the question, one on its theme, written in the panel.
  const noteQ = 'Många vill att barnen hörs tidigt; skolan nämns i nästan varje inspel.';
  const noteT = 'Delaktighet från start, inte som en remiss i efterhand.';
  for (const [target, text] of [['q:q1', noteQ], [`t:${theme.id}`, noteT]]) {
    await sec.selectOption('#note-target', target);
    await sec.fill('#note-text', text);
    await sec.click('#note-form button[type="submit"]');
    await waitUntil(sec, () => /sparad|saved/.test(document.querySelector('#note-status').textContent), null, 'the note was not saved');
  }
  const listed = await sec.$$eval('#notes-list dd .notes-list__text', (es) => es.map((e) => e.textContent));
  h.check(JSON.stringify(listed) === JSON.stringify([noteQ, noteT]), `the notes panel lists ${JSON.stringify(listed)}`);
  // Removing takes it away; writing it again brings it back (last write wins).
  await sec.selectOption('#note-target', 'q:q1');
  await sec.click('#note-remove');
  await waitUntil(sec, () => document.querySelectorAll('#notes-list dd').length === 1, null, 'the note was not removed');
  await sec.fill('#note-text', noteQ);
  await sec.click('#note-form button[type="submit"]');
  await waitUntil(sec, () => document.querySelectorAll('#notes-list dd').length === 2, null, 'the note did not come back');
  const labels = await sec.$$eval('#export-docx, #export-xlsx, #export-print, #export-csv', (es) => es.map((e) => e.textContent.trim()));
  h.check(
    JSON.stringify(labels) === JSON.stringify(['Word-dokument', 'Excel', 'Utskrift / PDF (öppnas i nytt fönster)', 'CSV']),
    `the export buttons say ${JSON.stringify(labels)}`,
  );

  // The Word document downloads under the meeting's date and title, å/ä/ö kept.
  const [download] = await Promise.all([sec.waitForEvent('download', { timeout: 10_000 }), sec.click('#export-docx')]);
  const name = download.suggestedFilename();
  h.check(/^\d{4}-\d{2}-\d{2} Regionrådet barns och ungas hälsa\.docx$/.test(name), `the Word file is named "${name}"`);
  const file = await download.path();
  h.check(fs.statSync(file).size > 5_000 && fs.readFileSync(file).subarray(0, 2).toString() === 'PK', 'the download is not a docx package');
  if (process.env.INSPEL_ARTIFACTS) {
    fs.mkdirSync(process.env.INSPEL_ARTIFACTS, { recursive: true });
    fs.copyFileSync(file, path.join(process.env.INSPEL_ARTIFACTS, 'secretary-report.docx'));
  }

  // The secretary page prints in full: no scroll box around the list when printing.
  await sec.emulateMedia({ media: 'print' });
  // (Since issue 10 the list uses the page on screen too: nothing around it may cut it.)
  const cut = await sec.$eval('#contributions', (list) => {
    const out = [];
    for (let e = list; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.maxHeight !== 'none' || !['visible', 'clip'].includes(s.overflowY) || e.scrollHeight > e.clientHeight + 1) out.push(`${e.tagName}#${e.id}.${e.className}`);
    }
    return out;
  });
  h.check(cut.length === 0, `printing the secretary page cuts the list: ${cut.join(', ')}`);
  await sec.emulateMedia({ media: 'screen' });
  await bothLanguages(h, sec, 'secretary page');

  // The printable report, opened from the page as the secretary would.
  const href = await sec.getAttribute('#export-print', 'href');
  h.check(Boolean(href?.includes(`/secretary/${SESSION.id}/report?`) && href.includes('#token=')), `#export-print points to "${href}"`);
  const report = await h.open(ctx, new URL(href, SESSION.secretary_url).href, 'report page');
  await ready(report, 'the report page');
  await waitFor(report, '#report h1', 'the report has no title');
  const title = await report.textContent('#report h1');
  h.check(title === 'Regionrådet: barns och ungas hälsa', `the report is titled "${title}"`);
  const dup = await report.$$eval('#report .report__cards > li', (lis) => lis.map((li) => li.textContent).find((t) => t.includes('(1 liknande)')) ?? '');
  h.check(dup.includes('Barnens röst') && dup.includes('Låt barnen komma till tals tidigt!'), `the merged duplicate is not under its card: "${dup}"`);
  h.check((await report.locator('#report section.report__question').count()) === 3, 'a section per question');
  // The notes come first: the question's right under its heading, the theme's under the theme.
  const firstQ = await report.$eval('#report section.report__question', (q) => ({
    after: q.querySelector('h2 + p + .report__note')?.textContent ?? '',
    theme: q.querySelector('.report__group h3 + .report__note')?.textContent ?? '',
  }));
  h.check(firstQ.after.includes(noteQ) && firstQ.theme.includes(noteT), `the notes are not first: ${JSON.stringify(firstQ)}`);
  await waitUntil(report, () => [...document.images].every((i) => i.complete && i.naturalWidth > 0), null, 'the word cloud did not load');
  await report.emulateMedia({ media: 'print' });
  const hiddenTools = await report.$eval('.report-tools', (e) => getComputedStyle(e).display === 'none');
  const pageBreak = await report.$eval('#report section.report__question', (e) => getComputedStyle(e).breakBefore);
  h.check(hiddenTools && pageBreak === 'page', `print: tools hidden ${hiddenTools}, break-before "${pageBreak}"`);
  // On paper: A4, a page for the summary, one per question, one for the votes, the appendix.
  const artifacts = process.env.INSPEL_ARTIFACTS;
  if (artifacts) {
    fs.mkdirSync(artifacts, { recursive: true });
    const pdf = path.join(artifacts, 'secretary-report.pdf');
    await report.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
    const pages = (fs.readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    h.check(pages >= 6, `the printed report has ${pages} pages, not one per part`);
    console.log(`wrote ${pdf} (${pages} pages)`);
  }
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await report.setViewportSize({ width: 794, height: 1123 });
    const out = path.join(shots, 'report-print.png');
    await report.screenshot({ path: out, animations: 'disabled', caret: 'hide', timeout: 10_000 });
    console.log(`wrote ${out}`);
    await report.setViewportSize(SIZE.viewport);
  }
  await report.emulateMedia({ media: 'screen' });
  await bothLanguages(h, report, 'report page');

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

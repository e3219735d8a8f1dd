// Scenario (issue 8, admin): rounds planned in the create form. A line starting with # starts
// a round; its questions follow it. The form previews the plan as it is typed. A number of
// tables typed without pressing "Fyll i bordslistan" still makes the tables (never a session
// with no tables by mistake).
import { ADMIN_TOKEN, BASE, DESKTOP, api, missingKeys, ready, scenario, waitUntil } from './lib.mjs';

await scenario('rounds_admin', async (h) => {
  const admin = await h.open(await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }), `${BASE}/admin#token=${ADMIN_TOKEN}`, 'admin');
  await ready(admin, 'the admin page');
  const title = 'Regionrådet: inriktning för barns och ungas hälsa';
  await admin.fill('#title', title);
  await admin.fill('#questions', [
    'Vad hoppas du på i dag? (5 min)',
    '# Dialog 15 minuter (15 min)',
    'Vad väcker den föreslagna inriktningen för tankar hos dig?',
    'Vad lockar med föreslagen inriktning?',
    'Vilka frågetecken finns med föreslagen inriktning?',
    '# Reflektion i rummet',
    'Vad tar du med dig härifrån?',
  ].join('\n'));
  const preview = await admin.$$eval('#plan > li', (ls) => ls.map((l) => l.querySelector('.plan-preview__name').textContent));
  h.check(preview.length === 3 && preview[1].includes('Dialog 15 minuter') && preview[1].includes('3 frågor') && preview[1].includes('15 min'), `the preview shows ${JSON.stringify(preview)}`);
  // The number of tables, typed but not filled in.
  await admin.fill('#table-count', '8');
  await admin.click('form#create [type="submit"]');
  await waitUntil(admin, (t) => [...document.querySelectorAll('#sessions li')].some((li) => li.textContent.includes(t)), title, 'the new session is not listed');
  const status = (await admin.textContent('#create-status')) ?? '';
  h.check(/8 bord fylldes i/.test(status), `the status does not say the tables were filled in: "${status}"`);

  const made = (await api('/api/sessions', ADMIN_TOKEN)).filter((s) => s.title === title);
  h.check(made.length === 1, `${made.length} sessions titled "${title}"`);
  const s = made[0];
  h.check(s.tables.length === 8 && s.tables[7] === 'Bord 8', `the tables stored are ${JSON.stringify(s.tables)}`);
  const plan = s.rounds.map((r) => ({ title: r.title, secs: r.duration_secs, n: r.question_ids.length }));
  h.check(
    JSON.stringify(plan) === JSON.stringify([{ title: '', secs: 300, n: 1 }, { title: 'Dialog 15 minuter', secs: 900, n: 3 }, { title: 'Reflektion i rummet', secs: null, n: 1 }]),
    `the rounds stored are ${JSON.stringify(plan)}`,
  );
  h.check(s.questions[1].text === 'Vad väcker den föreslagna inriktningen för tankar hos dig?', `question 2 is stored as "${s.questions[1].text}"`);

  // A heading with no questions under it is caught before anything is made.
  await admin.fill('#title', 'Tomt pass');
  await admin.fill('#questions', 'En fråga\n# Ett pass utan frågor');
  await admin.click('form#create [type="submit"]');
  await waitUntil(admin, () => /har inga frågor/.test(document.querySelector('#create-status').textContent), null, 'a round without questions was not caught');
  h.check((await api('/api/sessions', ADMIN_TOKEN)).every((x) => x.title !== 'Tomt pass'), 'a session was made with an empty round');
  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys: ${missing.join('; ')}`);
});

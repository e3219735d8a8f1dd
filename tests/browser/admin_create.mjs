// Scenario 8: the admin creates a session with the form; it is listed and stored.
import { ADMIN_TOKEN, BASE, DESKTOP, api, assert, ready, scenario, waitUntil } from './lib.mjs';

await scenario('admin_create', async (h) => {
  const ctx = await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } });
  const admin = await h.open(ctx, `${BASE}/admin#token=${ADMIN_TOKEN}`, 'admin');
  await ready(admin, 'the admin page');

  const title = 'Dialogmöte om fritid, skapat i webbläsaren';
  await admin.fill('form#create input#title', title);
  await admin.fill('form#create textarea#questions', 'Vad fungerar bra i dag? (15 min)\nVad saknas?');
  await admin.fill('form#create textarea#tables', 'Bord A\nBord B');
  await admin.locator('form#create [type="submit"]').click();

  await waitUntil(
    admin,
    (t) => [...document.querySelectorAll('#sessions li')].some((li) => li.textContent.includes(t)),
    title,
    'the new session is not listed in ul#sessions',
  );
  const sessions = await api('/api/sessions', ADMIN_TOKEN);
  const made = sessions.filter((s) => s.title === title);
  assert.equal(made.length, 1, `the server holds ${made.length} sessions titled "${title}", not 1`);
  assert.deepEqual(made[0].questions.map((q) => q.text), ['Vad fungerar bra i dag?', 'Vad saknas?'], 'one question per line');
  assert.deepEqual(made[0].questions.map((q) => q.duration_secs), [900, null], '"(15 min)" plans a 15-minute time box');
  assert.deepEqual(made[0].tables, ['Bord A', 'Bord B'], 'one table per line');
});

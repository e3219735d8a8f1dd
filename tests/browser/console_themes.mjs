// Scenario: themes in the console. A theme is created and a card put in it with the keyboard
// alone (Tab to the card's "Tema" select, arrow key); another card is dragged onto the theme;
// a duplicate is merged into another card with the keyboard; suggested themes are shown,
// edited and accepted. Each change is stored on the server and announced politely.
import { DESKTOP, SESSION, api, missingKeys, scenario, waitFor, waitUntil } from './lib.mjs';
import { announced, openConsole, phoneSays } from './console_helpers.mjs';

const stored = async (id) => (await api(`/api/sessions/${SESSION.id}/contributions`, SESSION.facilitator_token)).find((c) => c.id === id);

await scenario('console_themes', async (h) => {
  const a = await phoneSays('Skolan måste vara med från början.', { table: 'Bord 1' });
  const b = await phoneSays('Skolans elevhälsa behöver mer resurser.', { table: 'Bord 2' });
  const c = await phoneSays('Fler vägar in i föreningslivet.', { table: 'Bord 3' });
  const d = await phoneSays('Fler vägar in till föreningslivet för unga!', { table: 'Bord 1' });

  const fac = await openConsole(h, await h.context({ ...DESKTOP, viewport: { width: 1280, height: 800 } }));

  // Create a theme with the keyboard: type, Enter.
  await fac.focus('#new-theme');
  await fac.keyboard.type('Skolan');
  await fac.keyboard.press('Enter');
  await waitFor(fac, '#board [data-theme-id="t1"]', 'creating a theme with Enter in #new-theme showed no theme container [data-theme-id="t1"]');

  // The keyboard way: from the card's pin button, Tab reaches its "Tema" select; an arrow key chooses.
  const item = (id) => `#contributions li[data-id="${id}"]`;
  await fac.focus(`${item(a.id)} button[data-mod="pin"]`);
  await fac.keyboard.press('Tab');
  const onSelect = await fac.evaluate(() => document.activeElement?.matches('select.theme-select') ?? false);
  h.check(onSelect, 'Tab from the pin button does not reach the card\'s select.theme-select');
  await fac.keyboard.press('ArrowDown');
  await waitFor(fac, `#board [data-theme-id="t1"] li[data-card="${a.id}"]`, 'choosing the theme with the keyboard did not move the card into the theme');
  h.check((await stored(a.id))?.theme_id === 't1', 'the server did not store the keyboard theme assignment');
  h.check(await announced(fac, 'Skolan'), 'the keyboard theme assignment was not announced in #action-announce');
  const stillThere = await fac.evaluate((id) => document.activeElement?.dataset?.themeSelect === id, a.id);
  h.check(stillThere, 'focus left the theme select after choosing a theme');

  // The mouse way: drag a card onto the theme.
  await fac.locator(`#board [data-theme-id=""] li[data-card="${b.id}"]`).dragTo(fac.locator('#board [data-theme-id="t1"]'));
  await waitFor(fac, `#board [data-theme-id="t1"] li[data-card="${b.id}"]`, 'dropping a card on the theme did not move it there');
  h.check((await stored(b.id))?.theme_id === 't1', 'the server did not store the dropped card\'s theme');

  // Merge a duplicate with the keyboard: open "merge…", choose the other card, press the button.
  await fac.focus(`${item(d.id)} .contrib__merge summary`);
  await fac.keyboard.press('Enter');
  await fac.selectOption(`${item(d.id)} .contrib__merge select`, c.id);
  await fac.focus(`${item(d.id)} button[data-merge]`);
  await fac.keyboard.press('Enter');
  await waitFor(fac, item(d.id), 'the merged duplicate is still listed on its own', { state: 'detached' });
  h.check((await stored(d.id))?.merged_into === c.id, 'the server did not store the merge');
  await waitFor(fac, `${item(c.id)} .contrib__dupes li`, 'the card merged into does not list its duplicate');

  // Suggested themes: the server's proposals, or (while the endpoint is missing) a stand-in
  // answer of the same shape, so the editing and accepting is tested either way.
  await fac.click('#suggest-q1');
  await waitUntil(fac, () => /\S/.test(document.querySelector('#proposals-status')?.textContent ?? '') && !document.querySelector('#proposals-status').textContent.includes('…'), null, 'suggesting themes gave no status');
  if ((await fac.locator('[data-proposal]').count()) === 0) {
    console.log(`suggest-themes: ${(await fac.textContent('#proposals-status'))?.trim()} (using a stand-in answer)`);
    await fac.route('**/suggest-themes', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([
        { name: 'Föreningsliv', ids: [c.id, a.id], keywords: ['förening', 'väg'] },
        { name: 'Annat', ids: [b.id], keywords: [] },
      ]) }),
    );
    await fac.click('#suggest-q1');
  }
  await waitFor(fac, '[data-proposal]', 'no suggested theme [data-proposal] was shown');
  const first = fac.locator('[data-proposal]').first();
  const ids = await first.locator('[data-remove]').evaluateAll((bs) => bs.map((x) => x.dataset.remove));
  await first.locator('input').fill('Föreningslivet för unga');
  if (ids.length > 1) await first.locator(`[data-remove="${ids[ids.length - 1]}"]`).click();
  const kept = ids.length > 1 ? ids.slice(0, -1) : ids;
  const before = (await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token)).themes.length;
  await first.locator('[data-accept]').click();
  await waitUntil(fac, (n) => document.querySelectorAll('#board [data-theme-id]').length > n, before + 1, 'accepting a suggestion created no theme on the board');
  const themes = (await api(`/api/sessions/${SESSION.id}`, SESSION.facilitator_token)).themes;
  const made = themes.find((x) => x.name === 'Föreningslivet för unga');
  h.check(Boolean(made), `the accepted suggestion was not stored under its edited name: ${JSON.stringify(themes)}`);
  if (made) {
    for (const id of kept) h.check((await stored(id))?.theme_id === made.id, `card ${id} of the accepted suggestion is not in its theme`);
  }
  if (await fac.locator('[data-proposal] [data-reject]').count()) {
    await fac.locator('[data-proposal] [data-reject]').first().click();
  }

  const missing = missingKeys(h);
  h.check(missing.length === 0, `missing i18n keys:\n      ${missing.join('\n      ')}`);
});

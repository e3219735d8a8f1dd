// Scenario (issue 10, item 1): a wall with 300 cards at 1280×720 in presentation mode pages
// by itself, and within one cycle of its paging every one of the 300 cards has been wholly on
// screen. `?page_ms=` shortens the page time for the test; under prefers-reduced-motion (as
// here) a page switches without gliding. The pause button stops the paging.
import { SESSION, ready, scenario, waitFor, waitUntil } from './lib.mjs';
import { contribute } from './facil.mjs';

const N = 300;
const PAGE_MS = 250;
const WORDS = ['Fler mötesplatser för unga.', 'Kollektivtrafiken på kvällarna behöver bli bättre, särskilt på landsbygden där bussen går sällan.', 'Skolan och socialtjänsten måste samarbeta tidigare.', 'Personalomsättningen i äldreomsorgen.'];

await scenario('wall_paging', async (h) => {
  const ids = [];
  for (let i = 0; i < N; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(N, i + 25); j += 1) batch.push(contribute(`${j + 1}. ${WORDS[j % WORDS.length]}`, { table: `Bord ${(j % 3) + 1}` }));
    for (const c of await Promise.all(batch)) ids.push(c.id);
  }

  const ctx = await h.context({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  const url = new URL(SESSION.wall_url);
  url.search = `?kiosk&page_ms=${PAGE_MS}`;
  const wall = await h.open(ctx, url.href, 'wall with 300 cards');
  await ready(wall, 'the wall');
  await waitUntil(wall, (n) => document.querySelectorAll('#cards .card').length === n, N, `the wall does not hold all ${N} cards`);

  // Every card wholly inside the scrolling area (and the viewport) after each page turn.
  await wall.evaluate(() => {
    const seen = new Set();
    const look = () => {
      const box = document.querySelector('.wall__scroll').getBoundingClientRect();
      const bottom = Math.min(box.bottom, window.innerHeight);
      for (const c of document.querySelectorAll('#cards .card')) {
        const r = c.getBoundingClientRect();
        if (r.top >= box.top - 0.5 && r.bottom <= bottom + 0.5 && r.height > 0) seen.add(c.dataset.id);
      }
    };
    window.__paging = { seen, turns: 0, cycles: 0, pages: 0 };
    look();
    document.addEventListener('wall:page', (e) => {
      window.__paging.turns += 1;
      window.__paging.pages = Math.max(window.__paging.pages, e.detail.page);
      if (e.detail.cycle > 0) window.__paging.cycles = e.detail.cycle;
      // What the last page showed counts before the turn back to the top.
      if (e.detail.cycle === 0 || window.__paging.cycles === 1) look();
    });
  });
  try {
    await wall.waitForFunction(() => window.__paging.cycles >= 1, null, { timeout: 120_000 });
  } catch {
    throw new Error(`the wall did not complete one paging cycle within 120 s (${await wall.evaluate(() => JSON.stringify({ turns: window.__paging.turns, seen: window.__paging.seen.size }))})`);
  }
  const { seen, turns, pages } = await wall.evaluate(() => ({ seen: [...window.__paging.seen], turns: window.__paging.turns, pages: window.__paging.pages }));
  const missed = ids.filter((id) => !seen.includes(id));
  h.check(missed.length === 0, `${missed.length} of ${N} cards were never wholly on screen in one cycle of ${turns} turns`);
  console.log(`300 cards at 1280×720: ${pages} pages, every card seen: ${missed.length === 0}`);
  const label = await wall.textContent('#question-label');
  h.check(/sida \d+ av \d+/.test(label), `the status line does not say which page: "${label}"`);

  // Paused: the page stays put for many page times.
  await wall.mouse.move(300, 300);
  await waitFor(wall, '#pause', 'the controls did not come back', { state: 'visible' });
  await wall.click('#pause');
  const at = await wall.evaluate(() => ({ top: document.querySelector('.wall__scroll').scrollTop, turns: window.__paging.turns }));
  await wall.waitForTimeout(PAGE_MS * 8);
  const after = await wall.evaluate(() => ({ top: document.querySelector('.wall__scroll').scrollTop, turns: window.__paging.turns }));
  h.check(after.turns === at.turns && after.top === at.top, `the wall kept paging while paused (${at.turns} → ${after.turns} turns)`);
  h.check(/pausad/.test(await wall.textContent('#question-label')), 'the status line does not say the wall is paused');
  await wall.click('#pause');
  await wall.waitForFunction((n) => window.__paging.turns > n, at.turns, { timeout: 10_000 }).catch(() => h.check(false, 'paging did not resume after the pause'));
});

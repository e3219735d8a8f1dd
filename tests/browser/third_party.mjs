// Scenario 7: no page asks anything of a third party. Every request, websocket included, goes
// to this server; and no page tries one that its CSP had to refuse.
import {
  ADMIN_TOKEN, BASE, DESKTOP, PHONE, SESSION, api, assert, card, itemState, ownOrigin, ready, scenario, submit, waitFor,
} from './lib.mjs';

// CSP refusals never become requests, so listen for them too.
const CSP_WATCH = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolations.push(`${e.violatedDirective} refused ${e.blockedURI}`),
  );
};

await scenario('third_party', async (h) => {
  const phoneCtx = await h.context(PHONE);
  const wallCtx = await h.context(DESKTOP);
  await phoneCtx.addInitScript(CSP_WATCH);
  await wallCtx.addInitScript(CSP_WATCH);

  // The core loop, as in scenario 1.
  const wall = await h.open(wallCtx, SESSION.wall_url, 'wall');
  await ready(wall, 'the wall');
  const phone = await h.open(phoneCtx, SESSION.join_url, 'phone');
  await ready(phone, 'the phone page');
  const id = await submit(phone, 'Inget ska lämna rummet.');
  await itemState(phone, id, 'sent');
  await card(wall, id);

  // And every other page.
  const others = [
    ['facilitator', SESSION.facilitator_url, true],
    ['admin', `${BASE}/admin#token=${ADMIN_TOKEN}`, true],
    ['discussion leader', (await api(`/api/sessions/${SESSION.id}/leader-links`, SESSION.facilitator_token))[0].url, true],
    ['accessibility statement', `${BASE}/tillganglighet`, false],
  ];
  const pages = [phone, wall];
  for (const [name, url, data] of others) {
    const page = await h.open(wallCtx, url, name);
    if (data) await ready(page, `the ${name} page`);
    else await waitFor(page, 'h1', `the ${name} page has no h1`);
    pages.push(page);
  }

  const requests = [...phoneCtx.requests, ...wallCtx.requests];
  assert.ok(requests.some((u) => u.startsWith('ws://')), 'no websocket was recorded: the recording is broken');
  const foreign = [...new Set(requests.filter((u) => !ownOrigin(u)))];
  h.check(foreign.length === 0, `requests to other origins than ${BASE}:\n      ${foreign.join('\n      ')}`);
  for (const page of pages) {
    const refused = await page.evaluate(() => window.__cspViolations ?? []);
    h.check(refused.length === 0, `${page.url().split('#')[0]} tried what its CSP refused:\n      ${refused.join('\n      ')}`);
  }
  console.log(`${requests.length} requests recorded, ${foreign.length} to other origins`);
});

// Scenario 5: axe-core (WCAG 2.0/2.1 A and AA) finds nothing on any page, on a phone and on a
// desktop, in both languages. axe is evaluated in the page, so the page's own CSP stays on
// and the audit sees what people see.
import {
  ADMIN_TOKEN, AXE_TAGS, BASE, DESKTOP, PHONE, SESSION, api, axeAudit, ready, scenario, submit, waitFor, waitUntil,
} from './lib.mjs';

/** The first table's discussion leader's page (its link is the facilitator's to hand out). */
const [leader] = await api(`/api/sessions/${SESSION.id}/leader-links`, SESSION.facilitator_token);

const PAGES = [
  { name: 'join', url: SESSION.join_url, data: true },
  { name: 'wall', url: SESSION.wall_url, data: true },
  { name: 'facilitator', url: SESSION.facilitator_url, data: true },
  { name: 'admin', url: `${BASE}/admin#token=${ADMIN_TOKEN}`, data: true },
  { name: 'discussion leader', url: leader.url, data: true },
  { name: 'accessibility statement', url: `${BASE}/tillganglighet`, data: false },
];

/** Text a person would see or hear that looks like an untranslated i18n key, e.g. "fac.created". */
async function rawKeys(page) {
  return page.evaluate(() => {
    const key = /\b(?:app|common|conn|error|errors|fac|footer|join|lang|wall|admin|a11y|leader|plan)\d*\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\b/g;
    const texts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
      for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (el.hasAttribute(a)) texts.push(el.getAttribute(a));
    }
    return [...new Set(texts.flatMap((t) => t.match(key) ?? []))];
  });
}

function describe(where, violations) {
  const lines = [`${where}: ${violations.length} violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
    lines.push(`      ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(`      at ${n.target}`);
      lines.push(`         ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`);
      for (const s of (n.summary ?? '').split('\n').slice(0, 4)) lines.push(`         ${s.trim()}`);
    }
    if (v.nodes.length > 8) lines.push(`      … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

await scenario('accessibility', async (h) => {
  const reports = [];
  let audits = 0;
  const sizes = [
    { label: '320 px', options: PHONE, switchLanguage: false },
    { label: '1280 px', options: { ...DESKTOP, viewport: { width: 1280, height: 800 } }, switchLanguage: true },
  ];
  for (const size of sizes) {
    const ctx = await h.context(size.options);
    for (const p of PAGES) {
      const where = `${p.name} at ${size.label}`;
      const page = await h.open(ctx, p.url, where);
      if (p.data) await ready(page, `the ${where}`);
      else await waitFor(page, 'h1', `the ${where} has no h1`);
      if (p.name === 'join') {
        // Audit the phone page with one of its own contributions listed.
        await submit(page, 'Tillgänglighetsgranskning: ett inspel i listan.');
      }
      const hasLang = (await page.locator('button#lang').count()) === 1;
      h.check(hasLang, `the ${where} has no language switch button#lang`);

      const violations = await axeAudit(page);
      audits += 1;
      const keys = await rawKeys(page);
      h.check(keys.length === 0, `the ${where} shows untranslated keys: ${keys.slice(0, 12).join(', ')}`);
      if (violations.length) reports.push(describe(where, violations));

      if (size.switchLanguage && hasLang) {
        const before = await page.evaluate(() => document.documentElement.lang);
        await page.click('button#lang');
        const changed = await waitUntil(
          page,
          (old) => document.documentElement.lang && document.documentElement.lang !== old,
          before,
          `clicking button#lang on the ${where} did not change <html lang> from "${before}"`,
        ).then(
          () => true,
          (e) => h.check(false, e.message),
        );
        if (changed) {
          const lang = await page.evaluate(() => document.documentElement.lang);
          const after = await axeAudit(page);
          audits += 1;
          const keys = await rawKeys(page);
          h.check(keys.length === 0, `the ${where}, lang="${lang}", shows untranslated keys: ${keys.slice(0, 12).join(', ')}`);
          if (after.length) reports.push(describe(`${where}, lang="${lang}"`, after));
        }
      }
      await page.close();
    }
    await ctx.close();
  }
  console.log(`${audits} axe audits (${AXE_TAGS.join(', ')})`);
  if (reports.length) {
    console.error(`\naxe-core found violations:\n\n${reports.join('\n\n')}\n`);
    h.check(false, `axe-core: violations on ${reports.length} of ${audits} audited page states (listed above)`);
  }
});

// Every visible string comes from /assets/i18n/{lang}.json (a page with <html
// data-i18n-part="phone"> gets only the phone's part of it). Markup carries keys only:
//   data-i18n="key"                 → textContent
//   data-i18n-attr="attr:key;attr2:key2" → attributes (aria-label, placeholder, alt, …)
// A page opens in the language its reader chose with the switch (remembered in localStorage);
// failing that, a session's page in the session's language (useSessionLang); failing that, the
// browser's, and Swedish when the browser's is neither.

import { loadLocal, saveLocal } from './storage.js';

const SUPPORTED = ['sv', 'en'];
const STORE_KEY = 'inspel.lang';
// Norwegian and Danish readers follow Swedish more easily than English.
const NEIGHBOURS = { nb: 'sv', nn: 'sv', no: 'sv', da: 'sv' };

let lang = 'sv';
let dict = {};
const listeners = [];

function preferred() {
  const saved = loadLocal(STORE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of wanted) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (SUPPORTED.includes(base)) return base;
    if (NEIGHBOURS[base]) return NEIGHBOURS[base];
  }
  return 'sv';
}

async function fetchDict(l) {
  // A page may ask for part of the strings (the phone: its own, within its byte budget).
  const part = document.documentElement.dataset.i18nPart;
  const res = await fetch(`/assets/i18n/${l}.json${part ? `?part=${encodeURIComponent(part)}` : ''}`, { credentials: 'omit' });
  if (!res.ok) throw new Error(`i18n ${l}: ${res.status}`);
  return res.json();
}

export const currentLang = () => lang;

/** The string for `key`, with {name} placeholders filled from `vars`. */
export function t(key, vars) {
  let s = dict[key];
  if (s == null) {
    console.warn('i18n: missing key', key);
    s = key;
  }
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return s;
}

/**
 * A server's refusal in the page's language. The translation file's sentence for its stable
 * `code` (`problem.<code>`, the same words the server told it in) when that says it all: no
 * {placeholders} the server filled with values, no more exact variants (`problem.<code>.…`).
 * Otherwise the server's own sentence, in Swedish or English.
 */
export function refusalText(code, sv, en) {
  const key = `problem.${code}`;
  const own = code ? dict[key] : null;
  const exact = own && !/\{\w+\}/.test(own) && !Object.keys(dict).some((k) => k.startsWith(`${key}.`));
  if (exact) return own;
  return (lang === 'sv' ? sv || en : en || sv) || '';
}

/** Plural-aware: looks up `${base}.one`, `${base}.other`, … by Intl.PluralRules; {n} is formatted. */
export function tn(base, n, vars = {}) {
  const rule = new Intl.PluralRules(lang).select(n);
  const key = `${base}.${rule}` in dict ? `${base}.${rule}` : `${base}.other`;
  return t(key, { ...vars, n: formatNumber(n) });
}

export const formatNumber = (n) => new Intl.NumberFormat(lang).format(n);

export function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(d);
}

export function formatDateTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Fills every data-i18n / data-i18n-attr element under `root`. */
export function applyI18n(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
}

/** Runs `fn` after every language change (pages re-render what they built from data). */
export const onLangChange = (fn) => listeners.push(fn);

function paintSwitch() {
  const btn = document.getElementById('lang');
  if (!btn) return;
  const other = lang === 'sv' ? 'en' : 'sv';
  // The button names the other language in that language, so it is marked with that lang.
  btn.textContent = t('lang.switch');
  btn.lang = other;
}

export async function setLang(l) {
  const next = SUPPORTED.includes(l) ? l : 'sv';
  dict = await fetchDict(next);
  lang = next;
  document.documentElement.lang = lang;
  applyI18n();
  paintSwitch();
  for (const fn of listeners) fn(lang);
}

/**
 * The session's language (its settings.language) for a reader who has not chosen one with the
 * switch: a Swede whose phone is set to English still reads the Swedish meeting in Swedish.
 * A choice made with the switch stays, in this session and the next.
 */
export async function useSessionLang(l) {
  if (!SUPPORTED.includes(l) || l === lang || SUPPORTED.includes(loadLocal(STORE_KEY))) return;
  try {
    await setLang(l);
  } catch {
    // The file did not load: the page stays readable in the language it has.
  }
}

/** Loads the preferred language, fills the page and wires the #lang switch. */
export async function initI18n() {
  try {
    await setLang(preferred());
  } catch {
    // The preferred file failed; Swedish is the one language every install must have.
    await setLang('sv');
  }
  const btn = document.getElementById('lang');
  if (btn) {
    btn.addEventListener('click', async () => {
      const next = lang === 'sv' ? 'en' : 'sv';
      saveLocal(STORE_KEY, next);
      await setLang(next);
    });
  }
}

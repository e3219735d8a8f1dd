// A question's word cloud, live. The SVG needs the bearer header, which an <img src> cannot
// send, so it is fetched and shown as a data: URL (the page's CSP allows data: images, not
// blob:). Its words are also listed as text beside it. Refreshed at most every few seconds
// while contributions arrive.

import { $, fillSelect } from './dom.js';
import { t } from './i18n.js';
import { numbered } from './session-apply.js';

const MIN_GAP_MS = 8000;
const MAX_WORDS = 30;

/** @param {object} ctx  store, path (the session's API base), token, questionNumber(qid) */
export function createWordcloud(ctx) {
  const ui = {
    panel: $('#wordcloud-panel'),
    question: $('#wordcloud-question'),
    refresh: $('#wordcloud-refresh'),
    img: $('#wordcloud'),
    words: $('#wordcloud-words'),
    status: $('#wordcloud-status'),
  };
  let chosen = '';
  let last = 0;
  let timer = 0;
  let loading = false;
  let again = false;
  let shownFor = '';
  let words = [];

  const questionId = () => chosen || ctx.store.session?.active_question_id || ctx.store.session?.questions[0]?.id || '';

  function dataUrl(blob) {
    return new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.readAsDataURL(blob);
    });
  }

  /** The cloud's words, largest first. Read with a pattern rather than parsed: parsing would
   *  apply the SVG's own <style>, which the page's CSP refuses. Nothing here becomes markup. */
  function wordsOf(svg) {
    const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    const decode = (s) =>
      s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) => {
        if (e[0] !== '#') return entities[e] ?? m;
        const n = e[1].toLowerCase() === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
      });
    const found = [];
    for (const m of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
      const size = Number(/font-size="([\d.]+)"/.exec(m[1])?.[1] || 0);
      const word = decode(m[2]).trim();
      if (word) found.push({ word, size, i: found.length });
    }
    found.sort((a, b) => b.size - a.size || a.i - b.i);
    return [...new Set(found.map((x) => x.word))].slice(0, MAX_WORDS);
  }

  function caption() {
    const n = ctx.questionNumber(shownFor);
    ui.img.alt = t('fac4.cloud_alt', { n });
    ui.words.textContent = words.length ? t('fac4.cloud_words', { words: words.join(', ') }) : t('fac4.cloud_empty');
  }

  async function load() {
    const qid = questionId();
    if (!qid) return;
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    last = Date.now();
    try {
      const res = await fetch(`${ctx.path}/questions/${encodeURIComponent(qid)}/wordcloud.svg`, {
        headers: { authorization: `Bearer ${ctx.token}`, accept: 'image/svg+xml' },
        cache: 'no-store',
        credentials: 'omit',
      });
      if (!res.ok) {
        ui.status.textContent = res.status === 404 || res.status === 405 ? t('fac4.cloud_unavailable') : t('error.status', { status: res.status });
        ui.img.hidden = true;
        ui.words.textContent = '';
        return;
      }
      const svg = await res.text();
      const url = await dataUrl(new Blob([svg], { type: 'image/svg+xml' }));
      if (qid !== questionId()) return;
      words = wordsOf(svg);
      shownFor = qid;
      ui.img.src = url;
      ui.img.hidden = false;
      ui.status.textContent = '';
      caption();
    } catch {
      ui.status.textContent = t('error.network');
    } finally {
      loading = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  /** A refresh soon: at once if the last one is old enough, else when it is. */
  function schedule() {
    if (timer) return;
    const wait = Math.max(0, last + MIN_GAP_MS - Date.now());
    timer = setTimeout(() => {
      timer = 0;
      load();
    }, wait);
  }

  function renderSelect() {
    const s = ctx.store.session;
    if (!s) return;
    const options = numbered(s).map(({ q, n }) => [q.id, t('fac.question_option', { n, text: q.text.length > 60 ? `${q.text.slice(0, 57)}…` : q.text })]);
    fillSelect(ui.question, options, questionId());
  }

  ui.question.addEventListener('change', () => {
    chosen = ui.question.value;
    load();
  });
  ui.refresh.addEventListener('click', () => load());

  return {
    /** A card of question `qid` came, went or changed. */
    touched(qid) {
      if (qid === questionId()) schedule();
    },
    /** The session changed (e.g. another active question). */
    session() {
      const before = ui.question.value;
      renderSelect();
      if (ui.question.value !== before || !shownFor) schedule();
    },
    relabel() {
      renderSelect();
      if (shownFor) caption();
      else if (ui.status.textContent) load();
    },
    start() {
      renderSelect();
      load();
    },
  };
}

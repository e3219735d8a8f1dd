// The word cloud of the shown question (GET …/questions/{qid}/wordcloud.svg, with the wall's
// token). Fetched with the token in a header, then shown as a data: URL: the page's CSP
// allows images from 'self' and data: only (not blob:). While contributions arrive it is
// fetched again at most every few seconds.

const MIN_GAP = 5000;

/**
 * @param {{img: HTMLImageElement, session: string, token: string,
 *          onProblem: (kind: 'missing'|'failed'|null) => void,
 *          onLabel: (label: string) => void}} o  onLabel gets the SVG's own description
 *          (the most common words, in Swedish), for the image's text alternative
 */
export function createCloud({ img, session, token, onProblem, onLabel }) {
  let question = null;
  let active = false;
  let last = 0;
  let timer = 0;
  let busy = false;
  let again = false;

  function asDataUrl(blob) {
    return new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.readAsDataURL(blob);
    });
  }

  async function load() {
    if (!active || !question) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    last = Date.now();
    const qid = question;
    try {
      const res = await fetch(`/api/sessions/${encodeURIComponent(session)}/questions/${encodeURIComponent(qid)}/wordcloud.svg`, {
        headers: { authorization: `Bearer ${token}` },
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!res.ok) {
        onProblem(res.status === 404 || res.status === 405 ? 'missing' : 'failed');
        return;
      }
      const text = await res.text();
      const url = await asDataUrl(new Blob([text], { type: 'image/svg+xml' }));
      if (qid === question && active) {
        // Parsed as XML only to read one attribute: nothing in it runs or reaches the page.
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        onLabel(doc.documentElement?.getAttribute('aria-label') || '');
        img.src = url;
        img.hidden = false;
        onProblem(null);
      }
    } catch {
      onProblem('failed');
    } finally {
      busy = false;
      if (again) {
        again = false;
        poke();
      }
    }
  }

  /** Something changed: fetch again, but not more often than every MIN_GAP ms. */
  function poke() {
    if (!active || timer) return;
    const wait = Math.max(0, last + MIN_GAP - Date.now());
    timer = setTimeout(() => {
      timer = 0;
      load();
    }, wait);
  }

  return {
    /** Shows the cloud of question `qid` (fetched at once when the question changed). */
    show(qid) {
      const changed = qid !== question || !active;
      question = qid;
      active = true;
      if (changed) {
        clearTimeout(timer);
        timer = 0;
        last = 0;
        img.hidden = true;
        load();
      }
    },
    hide() {
      active = false;
      clearTimeout(timer);
      timer = 0;
    },
    poke,
    get question() {
      return question;
    },
  };
}

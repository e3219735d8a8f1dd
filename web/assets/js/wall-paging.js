// Paging: when the cards do not fit on the screen, the wall turns a page every little while,
// so every card is read in turn without anyone at the laptop. A page begins at the first card
// the previous page did not show whole, so no card is skipped; after the last page it starts
// over at the top (one cycle). Calm on purpose: a page stays as long as its words take to
// read at a slow pace (READ_MS_PER_WORD, between PAGE_MIN_MS and PAGE_MAX_MS; half as long
// again under prefers-reduced-motion, and then it jumps instead of gliding), the pause button
// stops it (WCAG 2.2.2), and scrolling by hand restarts the wait rather than fighting the user.
//
// Each turn is told as a `wall:page` event on document ({page, pages, cycle}), which tests
// and the status line use.

/** 200 words a minute: a room reading off a screen together, not one fast reader. */
const READ_MS_PER_WORD = 300;
const PAGE_MIN_MS = 10000;
const PAGE_MAX_MS = 45000;
const REDUCED_FACTOR = 1.5;
/** Shortest page time `?page_ms=` may ask for (tests). */
const MIN_PAGE_MS = 200;

/**
 * @param {HTMLElement} scroller  the scrolling area holding the cards
 * @param {{pageMs?: number, onTurn?: () => void}} o
 */
export function createPaging(scroller, { pageMs, onTurn } = {}) {
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
  let running = false;
  let timer = 0;
  let page = 1;
  let cycle = 0;

  /** The words on the cards wholly on screen now. */
  function wordsInView() {
    const box = scroller.getBoundingClientRect();
    const bottom = box.top + scroller.clientHeight;
    let words = 0;
    for (const c of scroller.querySelectorAll('.card__text, .bar__label')) {
      const r = c.getBoundingClientRect();
      if (r.height > 0 && r.top >= box.top - 1 && r.bottom <= bottom + 1) words += c.textContent.split(/\s+/).filter(Boolean).length;
    }
    return words;
  }

  const wait = () => {
    if (pageMs) return Math.max(MIN_PAGE_MS, pageMs);
    const ms = Math.min(PAGE_MAX_MS, Math.max(PAGE_MIN_MS, wordsInView() * READ_MS_PER_WORD));
    return reduced.matches ? ms * REDUCED_FACTOR : ms;
  };
  const overflows = () => scroller.scrollHeight > scroller.clientHeight + 2;
  const pages = () => (overflows() ? Math.max(page, Math.ceil(scroller.scrollHeight / scroller.clientHeight)) : 1);

  /** Where the next page begins: the top of the first card not wholly on this one. */
  function nextTop() {
    const box = scroller.getBoundingClientRect();
    const style = getComputedStyle(scroller);
    const padTop = parseFloat(style.paddingTop) || 0;
    const top = scroller.scrollTop;
    const bottom = box.top + scroller.clientHeight;
    let next = Infinity;
    for (const c of scroller.querySelectorAll('.card, .bar, .ended__q')) {
      const r = c.getBoundingClientRect();
      if (r.height === 0) continue;
      if (r.bottom > bottom + 1) next = Math.min(next, r.top - box.top + top);
    }
    if (next === Infinity) return null;
    const to = Math.max(0, next - padTop);
    // A card taller than the screen: move on by a screen rather than stand still.
    return to > top + 1 ? to : top + scroller.clientHeight;
  }

  function turn() {
    if (!overflows()) {
      page = 1;
      schedule();
      return;
    }
    const to = nextTop();
    const wrapped = to === null || to >= scroller.scrollHeight - 1;
    const behavior = reduced.matches ? 'instant' : 'smooth';
    if (wrapped) {
      cycle += 1;
      page = 1;
      scroller.scrollTo({ top: 0, behavior });
    } else {
      page += 1;
      scroller.scrollTo({ top: to, behavior });
    }
    const tell = () => {
      onTurn?.();
      document.dispatchEvent(new CustomEvent('wall:page', { detail: { page, pages: pages(), cycle } }));
    };
    if (behavior === 'instant') tell();
    else {
      let told = false;
      const once = () => {
        if (told) return;
        told = true;
        tell();
      };
      scroller.addEventListener('scrollend', once, { once: true });
      setTimeout(once, 1500);
    }
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    if (running) timer = setTimeout(turn, wait());
  }

  // Someone scrolls by hand: give them the full wait before the wall moves again.
  for (const type of ['wheel', 'touchmove', 'keydown']) scroller.addEventListener(type, schedule, { passive: true });

  return {
    /** Pages on its own (true) or holds still (false). */
    run(on) {
      if (on === running) return;
      running = on;
      schedule();
    },
    /** Back to the first page (another question or view). */
    reset() {
      page = 1;
      scroller.scrollTo({ top: 0, behavior: 'instant' });
      schedule();
    },
    /** "2 av 7" when there is more than one page, else ''. */
    get page() {
      return page;
    },
    get pages() {
      return pages();
    },
  };
}

// The phone's own contributions, kept in localStorage until the server has them.
//
// Each contribution gets a UUID when written and keeps it for every retry; the server stores
// an id once, so resending after a lost answer, a reload or a dead network is always safe.
// Items are sent one at a time, oldest first, so the wall shows them in the order written.

import { loadLocal, saveLocal } from './storage.js';

const RETRY_MIN = 2000;
const RETRY_MAX = 30000;

/**
 * @param {string} key      localStorage key for this session's items
 * @param {(item) => Promise<{ok?: object, retry?: number|true, reject?: object}>} transmit
 * @param {(item|null) => void} changed   called after any change (null: the whole list)
 */
export function createOutbox(key, transmit, changed) {
  let items = loadLocal(key, []);
  if (!Array.isArray(items)) items = [];
  let running = false;
  let again = false;
  let retryTimer = 0;
  let backoff = RETRY_MIN;

  const persist = () => {
    // A full storage must not lose what is on screen; it only loses the reload guarantee.
    saveLocal(key, items);
  };

  function scheduleRetry(afterMs) {
    clearTimeout(retryTimer);
    const wait = afterMs || backoff * (0.75 + Math.random() * 0.5);
    backoff = Math.min(backoff * 2, RETRY_MAX);
    retryTimer = setTimeout(flush, wait);
  }

  async function flush() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    clearTimeout(retryTimer);
    try {
      for (;;) {
        const item = items.find((i) => i.state === 'waiting');
        if (!item) break;
        const r = await transmit(item);
        if (r.ok) {
          // Stored, but waiting for the facilitator (pre-moderation or the word filter).
          item.state = r.ok.pending ? 'pending' : 'sent';
          item.seq = r.ok.seq;
          // Taken after its question closed, within the grace period: the phone says so.
          if (r.ok.late) item.late = true;
          backoff = RETRY_MIN;
        } else if (r.reject) {
          item.state = 'failed';
          item.error = r.reject;
        } else {
          scheduleRetry(typeof r.retry === 'number' ? r.retry : 0);
          break;
        }
        persist();
        changed(item);
      }
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      flush();
    }
  }

  return {
    all: () => items,
    waiting: () => items.filter((i) => i.state === 'waiting').length,
    add(item) {
      const stored = { ...item, state: 'waiting' };
      items.push(stored);
      persist();
      changed(stored);
      flush();
    },
    /** An ack that came after its request gave up still counts. */
    markSent(id, seq, waits = false, late = false) {
      const item = items.find((i) => i.id === id);
      if (!item || item.state === 'sent' || item.state === 'pending') return;
      item.state = waits ? 'pending' : 'sent';
      item.seq = seq;
      if (late) item.late = true;
      persist();
      changed(item);
    },
    /** A waiting-for-review item the server now reports approved. */
    approved(id) {
      const item = items.find((i) => i.id === id);
      if (!item || item.state !== 'pending') return;
      item.state = 'sent';
      persist();
      changed(item);
    },
    remove(id) {
      items = items.filter((i) => i.id !== id);
      persist();
      changed(null);
    },
    flush,
  };
}

// Thin wrappers around Web Storage. Storage can throw (disabled, full, some private modes);
// the pages must keep working without it, so every access is guarded.

function get(area, key, fallback) {
  try {
    const raw = area().getItem(key);
    return raw == null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function set(area, key, value) {
  try {
    area().setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

const local = () => window.localStorage;
const tab = () => window.sessionStorage;

export const loadLocal = (key, fallback = null) => get(local, key, fallback);
export const saveLocal = (key, value) => set(local, key, value);
export const loadTab = (key, fallback = null) => get(tab, key, fallback);
export const saveTab = (key, value) => set(tab, key, value);

/** A random UUID v4. crypto.randomUUID exists only in secure contexts, and inspel usually
 *  runs over plain http on a venue LAN, so fall back to getRandomValues (available everywhere). */
export function uuid() {
  if (typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID();
    } catch {
      // fall through
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

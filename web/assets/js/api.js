// fetch() wrappers for the JSON API: bearer tokens, error bodies, downloads.

import { refusalText, t } from './i18n.js';
import { loadTab, saveTab } from './storage.js';

/** A refused or failed request. `status` 0 means the network failed (nothing reached the server). */
export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(body?.error || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code || (status ? 'http' : 'network');
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

const TIMEOUT_MS = 15000;

function withTimeout() {
  return typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(TIMEOUT_MS) : undefined;
}

async function request(path, { method = 'GET', token, body, headers = {} } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal: withTimeout(),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let b = null;
    try {
      b = await res.json();
    } catch {
      // not JSON (a proxy's error page, say): the status is all we know
    }
    throw new ApiError(res.status, b, Number(res.headers.get('retry-after')) || 0);
  }
  return res;
}

/** JSON in, JSON out. Resolves to { status, data }. */
export async function api(path, opts) {
  const res = await request(path, opts);
  const data = res.status === 204 ? null : await res.json();
  return { status: res.status, data };
}

/** The server's own sentence for an error, in the page's language. */
export function errorText(err) {
  if (!(err instanceof ApiError)) return t('error.generic');
  if (err.status === 0) return t('error.network');
  const said = err.body && refusalText(err.body.code, err.body.error_sv, err.body.error);
  if (said) return said;
  return t('error.status', { status: err.status });
}

/**
 * The token from the URL fragment (#token=…). Fragments never reach the server or the
 * Referer header, which is why links carry tokens there. Kept per tab in sessionStorage
 * so that a page which removed it from the address bar still survives a reload.
 */
export function tokenFor(scope) {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  const key = `inspel.token.${scope}`;
  if (fromHash) {
    saveTab(key, fromHash);
    return fromHash;
  }
  return loadTab(key);
}

/** The file name a download carries: RFC 6266 `filename*` (UTF-8, so å, ä and ö survive)
 *  first, the plain `filename` otherwise. */
function filenameFrom(res, fallback) {
  const cd = res.headers.get('content-disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  const m = /filename="?([^";]+)"?/i.exec(cd);
  return m ? m[1] : fallback;
}

/** Fetches a file with the bearer header (a plain link cannot send one) and saves it. */
export async function download(path, token, fallbackName) {
  const res = await request(path, { token, headers: { accept: '*/*' } });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameFrom(res, fallbackName);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** The websocket base for this page: same host, ws: or wss: to match http: or https:. */
export const wsBase = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

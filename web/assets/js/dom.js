// Building DOM without innerHTML: user text only ever reaches the page as textContent.

/**
 * el('li', { class: 'x', data: { id }, attrs: { 'aria-current': 'true' }, text, i18n: 'key' }, ...children)
 */
export function el(tag, opts = {}, ...children) {
  const node = document.createElement(tag);
  if (opts.class) node.className = opts.class;
  if (opts.text != null) node.textContent = opts.text;
  if (opts.i18n) node.dataset.i18n = opts.i18n;
  if (opts.data) for (const [k, v] of Object.entries(opts.data)) node.dataset[k] = v;
  if (opts.attrs) {
    for (const [k, v] of Object.entries(opts.attrs)) {
      if (v === false || v == null) continue;
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) if (c != null && c !== false) node.append(c);
  return node;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/** Replaces a select's options, keeping the chosen value when it still exists. */
export function fillSelect(select, options, keep = select.value) {
  select.replaceChildren(...options.map(([value, label]) => el('option', { text: label, attrs: { value } })));
  select.value = options.some(([v]) => v === keep) ? keep : options.length ? options[0][0] : '';
}

/** Tells tests (and anything else waiting) that the page has its data. */
export function markReady() {
  document.body.dataset.ready = '1';
}

/** Collects announcements for an aria-live region and speaks them once per burst, so a
 *  screen reader hears "3 new contributions" rather than three separate messages. */
export function batchAnnouncer(region, render, quietMs = 1500, maxWaitMs = 5000) {
  let count = 0;
  let first = 0;
  let timer = 0;
  const flush = () => {
    timer = 0;
    if (!count) return;
    region.textContent = render(count);
    count = 0;
  };
  return (n = 1) => {
    if (!count) first = Date.now();
    count += n;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(quietMs, first + maxWaitMs - Date.now()));
    timer = setTimeout(flush, wait);
  };
}

/**
 * Puts exactly `wanted` into `parent`, in order. The child holding focus never moves (moving a
 * node takes its focus, and on a phone the keyboard with it): the others move around it.
 */
export function placeChildren(parent, wanted) {
  const keep = new Set(wanted);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  const at = wanted.findIndex((n) => n.contains(document.activeElement) && n.parentNode === parent);
  if (at < 0) {
    wanted.forEach((n, i) => {
      if (parent.children[i] !== n) parent.insertBefore(n, parent.children[i] || null);
    });
    return;
  }
  const fixed = wanted[at];
  for (let i = at - 1; i >= 0; i -= 1) {
    const next = i === at - 1 ? fixed : wanted[i + 1];
    if (wanted[i].nextElementSibling !== next) parent.insertBefore(wanted[i], next);
  }
  let ref = fixed;
  for (const n of wanted.slice(at + 1)) {
    if (ref.nextElementSibling !== n) parent.insertBefore(n, ref.nextElementSibling);
    ref = n;
  }
}

// Light or dark: follows the system until someone presses the toggle, then remembers.

import { loadLocal, saveLocal } from './storage.js';

const KEY = 'inspel.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');

const isDark = () => {
  const set = document.documentElement.dataset.theme;
  return set ? set === 'dark' : media.matches;
};

/** Wires a toggle button (aria-pressed = dark theme on). */
export function initTheme(button) {
  const saved = loadLocal(KEY);
  if (saved === 'dark' || saved === 'light') document.documentElement.dataset.theme = saved;
  const paint = () => button.setAttribute('aria-pressed', String(isDark()));
  paint();
  media.addEventListener('change', paint);
  button.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    saveLocal(KEY, next);
    paint();
  });
}

/** Wires a full-screen toggle button (aria-pressed = full screen on); hidden where not allowed. */
export function initFullscreen(button) {
  if (!document.fullscreenEnabled) {
    button.hidden = true;
    return;
  }
  button.addEventListener('click', () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener('fullscreenchange', () => {
    button.setAttribute('aria-pressed', String(Boolean(document.fullscreenElement)));
  });
}

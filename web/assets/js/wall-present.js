// Presentation mode: in full screen, or with `?kiosk` in the address, the projected image is
// the room's, so the operator controls go (the cards get the screen). They come back over the
// top for a few seconds when someone moves the mouse or presses a key, and stay while they
// hold the keyboard focus or the pointer. The QR and the join code never go.

/** How long the controls stay after the last mouse move or key. */
const SHOW_MS = 4000;

/**
 * @param {{kiosk: boolean, controls: HTMLElement[]}} o  the containers of the operator controls
 * @returns {{get present(): boolean}}
 */
export function initPresentation({ kiosk, controls }) {
  const root = document.documentElement;
  let timer = 0;

  const present = () => kiosk || Boolean(document.fullscreenElement);
  const holding = () => controls.some((c) => c.contains(document.activeElement) || c.matches(':hover'));

  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (holding()) hideSoon();
      else root.classList.remove('controls-up');
    }, SHOW_MS);
  }

  function wake() {
    if (!present()) return;
    root.classList.add('controls-up');
    hideSoon();
  }

  function paint() {
    const on = present();
    root.classList.toggle('wall-present', on);
    root.dataset.present = String(on);
    if (!on) {
      clearTimeout(timer);
      root.classList.remove('controls-up');
    }
  }

  // A key shows the controls before the browser moves the focus, so Tab reaches them.
  for (const type of ['mousemove', 'pointerdown', 'keydown', 'touchstart', 'focusin']) {
    document.addEventListener(type, wake, { passive: true, capture: true });
  }
  document.addEventListener('fullscreenchange', paint);
  paint();
  return {
    get present() {
      return present();
    },
  };
}

// What keeps the question's box and "Skicka" in view on a small phone that CSS cannot do alone.
//
// "Skicka" above an on-screen keyboard. Android's Chrome shrinks the page for the keyboard
// (the viewport meta asks for interactive-widget=resizes-content), but iOS Safari and others
// only shrink the *visual* viewport and leave the page's bottom edge behind the keyboard, where
// a sticky bar would hide. So the gap between the visual viewport's bottom and the layout
// viewport's is published as --kb-inset, and the bar of the box being typed in sticks that far
// up (join.css).

function followVisualViewport(root = document.documentElement) {
  const vv = window.visualViewport;
  if (!vv) return;
  let last = -1;
  let frame = 0;
  const update = () => {
    frame = 0;
    const inset = Math.max(0, Math.round(window.innerHeight - (vv.offsetTop + vv.height)));
    if (inset === last) return;
    last = inset;
    root.style.setProperty('--kb-inset', `${inset}px`);
  };
  // Both fire many times while the keyboard slides in: once per frame is enough.
  const soon = () => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  vv.addEventListener('resize', soon);
  vv.addEventListener('scroll', soon);
  update();
}

/** `title` (the session's, clamped to two lines on small screens) opens in full on a tap. */
export function fitTheFold(title) {
  title.addEventListener('click', () => title.toggleAttribute('data-open'));
  followVisualViewport();
}

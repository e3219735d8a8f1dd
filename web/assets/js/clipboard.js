// Copying text. navigator.clipboard exists only in secure contexts (https or localhost), and
// inspel is usually reached over plain http on a LAN, so fall back to a selected text field.

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // permission refused: try the old way
    }
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.className = 'sr-only';
  document.body.append(field);
  const active = document.activeElement;
  field.select();
  let ok;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  field.remove();
  // Give focus back to the button that was pressed.
  if (active && typeof active.focus === 'function') active.focus();
  return ok;
}

// Small helpers for writing into the page.

/** Writes `text` into `element` only if it differs, so a live region is not re-announced. */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

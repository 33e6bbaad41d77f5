// Small helpers for writing into the page.

/** Writes `text` into `element` only if it differs, so a live region is not re-announced. */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** What was typed into an input, quoted for a message (a number input hides text that is not a number). */
export function quoteTyped(input) {
  if (input.validity?.badInput) return "What was typed";
  return input.value.trim() === "" ? "An empty value" : `"${input.value}"`;
}

// The page's settings as one typed table, read from and written to the URL
// so that a link reproduces a setup exactly. Every value read is validated:
// an unknown or out-of-range one falls back to its default with a notice.

/**
 * Field types. The crate reads them from a link (`readUrlState`, in
 * src/url_state.rs, which is fuzzed); `format` writes a value back.
 */
export const field = {
  integer: (min, max, fallback) => ({ kind: "integer", min, max, fallback, format: String }),
  number: (min, max, fallback) => ({
    kind: "number",
    min,
    max,
    fallback,
    format: (value) => String(Number(value.toFixed(4))),
  }),
  choice: (values, fallback) => ({ kind: "choice", values, fallback, format: String }),
  flag: (fallback) => ({ kind: "flag", fallback, format: (value) => (value ? "1" : "0") }),
  text: (maxChars, fallback) => ({ kind: "text", maxChars, fallback, format: String }),
};

/**
 * Reads `schema` from a query string (the page's URL by default) with the
 * crate's bindings `mmml`; returns `{state, notices}`. An invalid value falls
 * back to its default with a notice saying what would be accepted.
 */
export function readState(mmml, schema, search = window.location.search) {
  const fields = Object.entries(schema).map(([name, { format, ...type }]) => [name, type]);
  const read = mmml.readUrlState(fields, search);
  return { state: Object.fromEntries(read.state), notices: read.notices };
}

/** Reads `schema` from a snapshot's saved setup (an object of link parameters), as from a link. */
export function readSavedSetup(mmml, schema, setup) {
  return readState(mmml, schema, `?${new URLSearchParams(setup ?? {})}`);
}

/** The value `text` (typed into a control) gives for `type`, or undefined if it is not valid. */
export function parseValue(mmml, type, text) {
  let query;
  try {
    query = `value=${encodeURIComponent(text)}`;
  } catch {
    return undefined; // Text with a lone surrogate: not a value of any field.
  }
  const read = readState(mmml, { value: type }, query);
  return read.notices.length ? undefined : read.state.value;
}

/** The URL that reproduces `state`, with `extra` parameters appended. */
export function linkFor(schema, state, extra = new URLSearchParams()) {
  const params = new URLSearchParams();
  for (const [name, type] of Object.entries(schema)) {
    params.set(name, type.format(state[name]));
  }
  for (const [name, value] of extra) params.set(name, value);
  const url = new URL(window.location.href);
  url.search = params.toString();
  return url.toString();
}

/** Rewrites the address bar without adding a history entry. */
export function replaceUrl(schema, state, extra) {
  window.history.replaceState(null, "", linkFor(schema, state, extra));
}

/** The parameters of `state` that differ from their defaults. */
export function changedFields(schema, state) {
  return Object.entries(schema)
    .filter(([name, type]) => type.format(state[name]) !== type.format(type.fallback))
    .map(([name, type]) => [name, type.format(state[name])]);
}

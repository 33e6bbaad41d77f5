// The page's settings as one typed table, read from and written to the URL
// so that a link reproduces a setup exactly. Every value read is validated:
// an unknown or out-of-range one falls back to its default with a notice.

/** Field types: each parses a URL string or returns undefined if invalid. */
export const field = {
  integer: (min, max, fallback) => ({
    fallback,
    parse: (text) => {
      const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
      return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
    },
    format: String,
  }),
  number: (min, max, fallback) => ({
    fallback,
    parse: (text) => {
      const value = Number(text);
      return text !== "" && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
    },
    format: (value) => String(Number(value.toFixed(4))),
  }),
  choice: (values, fallback) => ({
    fallback,
    parse: (text) => (values.includes(text) ? text : undefined),
    format: String,
  }),
  flag: (fallback) => ({
    fallback,
    parse: (text) => (text === "1" ? true : text === "0" ? false : undefined),
    format: (value) => (value ? "1" : "0"),
  }),
};

/** Reads `schema` from the page URL; returns `{state, notices}`. */
export function readState(schema, search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  const notices = [];
  for (const [name, type] of Object.entries(schema)) {
    const text = params.get(name);
    const value = text === null ? undefined : type.parse(text);
    if (text !== null && value === undefined) {
      notices.push(
        `"${name}=${text}" is not valid here, so the default (${type.format(type.fallback)}) is used.`,
      );
    }
    state[name] = value === undefined ? type.fallback : value;
  }
  return { state, notices };
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

// Starts a demo's WebAssembly module once per page and reports any panic (a
// bug in the crate) in a banner, since the module cannot be used after one.
//
// Each demo page has its own module, built with only that demo's glue
// (scripts/build.sh): the page imports its bindings from pkg/<demo>/mmml.js
// and hands them here.

let loading = null;

function showPanic(message) {
  const banner = document.getElementById("panic");
  if (banner) {
    banner.textContent = `Something broke inside the demo (${message}). Reload the page to continue; your link keeps the setup.`;
    banner.hidden = false;
  }
}

/**
 * Starts the module whose bindings are `crate` (its default export is
 * wasm-bindgen's init) and resolves to the bindings.
 */
export function loadCrate(crate) {
  // The single-file offline pages (scripts/offline.mjs) carry the module's
  // bytes inline, as a Uint8Array in this global, since a page opened from
  // disk cannot fetch a file. Served pages leave it unset, and init() fetches
  // pkg/<demo>/mmml_bg.wasm as usual.
  const inlineBytes = globalThis.mmmlWasmBytes;
  loading ??= crate.default(inlineBytes ? { module_or_path: inlineBytes } : undefined).then(() => {
    crate.onPanic(showPanic);
    return crate;
  });
  return loading;
}

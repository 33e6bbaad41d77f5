// Loads the mmml WebAssembly module once per page and reports any panic
// (a bug in the crate) in a banner, since the module cannot be used after one.

import init, * as mmml from "../pkg/mmml.js";

let loading = null;

function showPanic(message) {
  const banner = document.getElementById("panic");
  if (banner) {
    banner.textContent = `Something broke inside the demo (${message}). Reload the page to continue; your link keeps the setup.`;
    banner.hidden = false;
  }
}

export function loadCrate() {
  // The single-file offline pages (scripts/offline.mjs) carry the module's
  // bytes inline, as a Uint8Array in this global, since a page opened from
  // disk cannot fetch a file. Served pages leave it unset, and init() fetches
  // pkg/mmml_bg.wasm as usual.
  const inlineBytes = globalThis.mmmlWasmBytes;
  loading ??= init(inlineBytes ? { module_or_path: inlineBytes } : undefined).then(() => {
    mmml.onPanic(showPanic);
    return mmml;
  });
  return loading;
}

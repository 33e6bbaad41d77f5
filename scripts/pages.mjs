// The site's demo pages, found rather than listed, for the scripts and tests
// that treat every demo alike (offline editions, benchmark, monkey test).
//
// A demo page is a www/*.html file that loads a `js/<name>.js` module, and it
// sets `data-ready="true"` on <body> once it can be used.

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const WWW = fileURLToPath(new URL("../www", import.meta.url));

/** The script element of a demo page; its first group is the module's name. */
export const MODULE_SCRIPT = /\s*<script type="module" src="js\/([\w-]+)\.js"><\/script>/;

/** A demo page's WebAssembly module, as scripts/build.sh writes it (one per page). */
export const wasmOf = (module, www = WWW) => path.join(www, "pkg", module, "mmml_bg.wasm");

/** Matches once a demo page is ready to use. */
export const READY_SELECTOR = "body[data-ready=true]";

/** Every demo page of `www`, sorted: `[{ page: "pid.html", module: "pid" }, ...]`. */
export function demoPages(www = WWW) {
  return readdirSync(www)
    .filter((name) => name.endsWith(".html"))
    .sort()
    .flatMap((page) => {
      const module = readFileSync(path.join(www, page), "utf8").match(MODULE_SCRIPT)?.[1];
      return module ? [{ page, module }] : [];
    });
}

// Writes the offline editions of the site into dist/offline/, for instructors
// and students who open the demos from disk (file://), with no server and no
// network:
//
//   dist/offline/site/        a copy of www/ (pkg/ included), to put on any
//                             static web server or course site as is
//   dist/offline/<demo>.html  one single file per demo page: its CSS, its
//                             JavaScript (bundled by esbuild) and the
//                             WebAssembly module (base64) inlined
//   dist/offline/index.html   the landing page, linking to those files
//
// The demo pages are the www/*.html files that load a `js/<name>.js` module.
// Build the WebAssembly first (scripts/build.sh, or scripts/offline.sh which
// runs both).
//
//   node scripts/offline.mjs

import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { MODULE_SCRIPT, demoPages, wasmOf } from "./pages.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WWW = path.join(ROOT, "www");
const OUT = path.join(ROOT, "dist", "offline");

/** Stops with a message naming the page when an expectation about it fails. */
function fail(page, message) {
  throw new Error(`${page}: ${message}`);
}

/** `html` with `pattern` replaced once; fails if it is not there. */
function replaceOnce(page, html, pattern, replacement) {
  if (!pattern.test(html)) fail(page, `expected to find ${pattern}`);
  return html.replace(pattern, replacement);
}

/** The page's stylesheets, bundled by esbuild (url() assets become data: URLs), as <style> elements. */
async function inlineStyles(page, html) {
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)" \/>/g)];
  if (links.length === 0) fail(page, "no stylesheet found");
  for (const [tag, href] of links) {
    const result = await build({
      entryPoints: [path.join(WWW, href)],
      bundle: true,
      write: false,
      loader: { ".svg": "dataurl", ".png": "dataurl", ".woff2": "dataurl" },
      logLevel: "warning",
    });
    const css = result.outputFiles[0].text;
    if (/<\/style/i.test(css)) fail(page, `${href} contains "</style"`);
    html = html.replace(tag, () => `<style>\n${css}</style>`);
  }
  return html;
}

/** The favicon as a data: URL. */
function inlineFavicon(page, html) {
  return replaceOnce(page, html, /<link rel="icon" href="([^"]+\.svg)"/, (_, href) => {
    const svg = readFileSync(path.join(WWW, href));
    return `<link rel="icon" href="data:image/svg+xml;base64,${svg.toString("base64")}"`;
  });
}

/** The header's home link ("./", a directory listing from disk) points at index.html. */
function linkHome(page, html) {
  return html.replaceAll('href="./"', 'href="index.html"');
}

/** The page's ES module and everything it imports, as one classic script. */
async function bundleScript(page, module) {
  const result = await build({
    entryPoints: [path.join(WWW, "js", `${module}.js`)],
    bundle: true,
    format: "iife",
    target: "es2022",
    write: false,
    // wasm-bindgen's init() only reads import.meta.url when it is given no
    // bytes; an IIFE has no import.meta, so point it at the page instead.
    define: { "import.meta.url": "location.href" },
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

/** Sets globalThis.mmmlWasmBytes, which js/wasm.js passes to init(). */
function wasmScript(module) {
  const base64 = readFileSync(wasmOf(module)).toString("base64");
  return [
    `// The mmml WebAssembly module (www/pkg/${module}/mmml_bg.wasm), base64; js/wasm.js reads it.`,
    `globalThis.mmmlWasmBytes = Uint8Array.from(atob("${base64}"), (c) => c.charCodeAt(0));`,
    "",
  ].join("\n");
}

/** The CSP source that allows exactly this inline script. */
function scriptHash(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** Inline scripts at the end of <body> (they run once the page is parsed), allowed by hash. */
function inlineScripts(page, html, scripts) {
  for (const text of scripts) {
    if (/<\/script|<!--/i.test(text)) fail(page, 'a script contains "</script" or "<!--"');
  }
  const hashes = scripts.map(scriptHash).join(" ");
  html = replaceOnce(page, html, /script-src [^;"]*/, `script-src ${hashes} 'wasm-unsafe-eval'`);
  const elements = scripts.map((text) => `    <script>${text}</script>\n`).join("");
  return replaceOnce(page, html, /  <\/body>/, () => `${elements}  </body>`);
}

/** Fails if a relative link or source in `html` names a file that is not in dist/offline/. */
function checkLinks(page, html) {
  const markup = html.replace(/<(script|style)>[^]*?<\/\1>/g, "");
  for (const [, target] of markup.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    if (/^(data:|https?:|mailto:|#)/.test(target)) continue;
    const file = target.split(/[?#]/)[0];
    if (!existsSync(path.join(OUT, file))) fail(page, `links to ${target}, which is not in dist/offline/`);
  }
}

async function demoPage(page, html, module) {
  html = replaceOnce(page, html, MODULE_SCRIPT, "");
  html = await inlineStyles(page, html);
  html = inlineFavicon(page, html);
  html = linkHome(page, html);
  return inlineScripts(page, html, [wasmScript(module), await bundleScript(page, module)]);
}

async function landingPage(page, html) {
  html = await inlineStyles(page, html);
  html = inlineFavicon(page, html);
  return linkHome(page, html);
}

const missing = demoPages()
  .map(({ module }) => wasmOf(module))
  .filter((wasm) => !existsSync(wasm));
if (missing.length > 0) {
  console.error(
    `${missing.map((wasm) => path.relative(ROOT, wasm)).join(", ")} missing: run scripts/build.sh first (or scripts/offline.sh).`,
  );
  process.exit(1);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
cpSync(WWW, path.join(OUT, "site"), { recursive: true });

const written = {};
for (const page of readdirSync(WWW).filter((name) => name.endsWith(".html"))) {
  const html = readFileSync(path.join(WWW, page), "utf8");
  const module = html.match(MODULE_SCRIPT)?.[1];
  if (module) {
    written[page] = await demoPage(page, html, module);
  } else if (page === "index.html") {
    written[page] = await landingPage(page, html);
  }
}
for (const [page, html] of Object.entries(written)) writeFileSync(path.join(OUT, page), html);
for (const [page, html] of Object.entries(written)) checkLinks(page, html);

console.log(`Offline editions in ${path.relative(ROOT, OUT)}/ (open the .html files from disk):`);
for (const page of Object.keys(written)) {
  const bytes = readFileSync(path.join(OUT, page)).length;
  console.log(`  ${page.padEnd(24)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
}
console.log(`  ${"site/".padEnd(24)} a copy of www/ for a static web server`);

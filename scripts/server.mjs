// Serves the static site from www/ on loopback, with the same strict
// Content-Security-Policy the pages declare, and prints the URL.
//
//   node scripts/server.mjs [--port 8080] [--root www]
// The port can also come from the PORT environment variable.

import { createServer } from "node:http";
import { parseArgs } from "node:util";
import sirv from "sirv";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'", // plotters-canvas measures text with styled DOM nodes
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors *",
].join("; ");

/** Starts serving `root`; resolves to the running server once it listens. */
export function startServer({ root = "www", port = 8080, host = "127.0.0.1" } = {}) {
  const files = sirv(root, {
    dev: true,
    setHeaders: (response) => {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("X-Content-Type-Options", "nosniff");
    },
  });
  const server = createServer((request, response) =>
    files(request, response, () => {
      response.statusCode = 404;
      response.setHeader("Content-Type", "text/plain; charset=utf-8");
      response.end(`Not found: ${request.url}\n`);
    }),
  );
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: process.env.PORT ?? "8080" },
      host: { type: "string", default: "127.0.0.1" },
      root: { type: "string", default: "www" },
    },
  });
  const server = await startServer({ root: values.root, port: Number(values.port), host: values.host });
  console.log(`mmml is served at http://${values.host}:${server.address().port}/  (Ctrl-C stops it)`);
}

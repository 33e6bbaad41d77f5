// Serves the static site from www/ on loopback, with the same strict
// Content-Security-Policy the pages declare, and prints the URL.
//
//   node scripts/server.mjs [--port 8080] [--root www]
// The port can also come from the PORT environment variable.

import { createServer } from "node:http";
import { parseArgs } from "node:util";
import sirv from "sirv";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "8080" },
    host: { type: "string", default: "127.0.0.1" },
    root: { type: "string", default: "www" },
  },
});

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

const files = sirv(values.root, {
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

server.listen(Number(values.port), values.host, () => {
  const { port } = server.address();
  console.log(`mmml is served at http://${values.host}:${port}/  (Ctrl-C stops it)`);
});

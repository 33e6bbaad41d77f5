// The CCA benchmark: linear CCA of the digits halves (1,797 samples, 32
// pixels of the left half by 32 of the right) natively, as WebAssembly in
// Node, and (with --peer) by scikit-learn's CCA and by the closed form in
// numpy, side by side in one run on the very same numbers. Run it with
// `scripts/bench-cca.sh [--peer]`, which builds first. With --json it prints
// one JSON object per peer instead of the table, the rows scripts/bench.sh
// collects from every benchmark driver in bench/.
//
// The ridge is 1e-3 everywhere (relative to each modality's mean variance):
// pixels at the border are 0 in every image, so with ridge 0 the covariance
// is singular. scikit-learn's CCA has no ridge; it copes by itself.

import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const RIDGE = 1e-3;
// As many components as CCA has here, min(32, 32): what the crate computes.
const COMPONENTS = 32;
const REPEATS = 50;
// The goal: faster than both peers as WebAssembly.
const GOAL_RATIO = 1;

const target = process.env.CARGO_TARGET_DIR ?? "target";
const withPeer = process.argv.includes("--peer");
const asJson = process.argv.includes("--json");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function jsonLines(text, key) {
  return Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .map((row) => [row[key], row]),
  );
}

function timeWasm(data) {
  const mmml = createRequire(import.meta.url)(path.resolve(target, "pkg-node", "coordination", "mmml.js"));
  const a = Float64Array.from(data.a);
  const b = Float64Array.from(data.b);
  let correlations = mmml.canonicalCorrelations(a, b, data.rows, RIDGE); // Warm the JIT up.
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    correlations = mmml.canonicalCorrelations(a, b, data.rows, RIDGE);
    times.push(performance.now() - start);
  }
  return { median_ms: median(times), correlations: Array.from(correlations) };
}

function timePeers(dataPath) {
  const venv = path.resolve(target, "bench-venv");
  const python = `${venv}/bin/python`;
  if (!existsSync(python)) {
    console.error("Making a Python environment for the peers in", venv);
    // Output goes to stderr: with --json, stdout carries only the rows.
    execFileSync("python3", ["-m", "venv", venv], { stdio: ["ignore", 2, 2] });
  }
  try {
    execFileSync(python, ["-c", "import sklearn, numpy"], { stdio: "ignore" });
  } catch {
    console.error("Installing scikit-learn and numpy into", venv);
    execFileSync(`${venv}/bin/pip`, ["install", "--quiet", "scikit-learn", "numpy"], {
      stdio: ["ignore", 2, 2],
    });
  }
  const output = execFileSync(python, ["bench/cca_peer.py", dataPath, String(RIDGE), String(COMPONENTS)], {
    encoding: "utf8",
  });
  return jsonLines(output, "peer");
}

const largestDifference = (ours, theirs) =>
  Math.max(...ours.map((value, index) => Math.abs(value - theirs[index])));

const folder = mkdtempSync(path.join(os.tmpdir(), "mmml-bench-cca-"));
const dataPath = path.join(folder, "digits-halves.json");
let native, wasm, peers;
try {
  native = jsonLines(
    execFileSync(`${target}/release/examples/bench_cca`, ["--write-data", dataPath], { encoding: "utf8" }),
    "workload",
  );
  const data = JSON.parse(readFileSync(dataPath, "utf8"));
  wasm = timeWasm(data);
  peers = withPeer ? timePeers(dataPath) : null;
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const ours = native.cca_digits;
const workload = `CCA of the digits halves (1,797 x 32 by 32, ridge ${RIDGE})`;
const PEERS = [
  {
    key: "scikit-learn",
    name: `scikit-learn CCA (NIPALS, n_components=${COMPONENTS}, no ridge)`,
    note: (peer) =>
      `first correlation ${peer.correlations[0].toFixed(4)} (no ridge) against ours ${wasm.correlations[0].toFixed(4)}`,
  },
  {
    key: "numpy",
    name: "numpy closed form (eigh + svd, same ridge)",
    note: (peer) =>
      `correlations differ from ours by at most ${largestDifference(wasm.correlations, peer.correlations).toExponential(1)}`,
  },
];

if (asJson) {
  for (const peer of PEERS) {
    const measured = peers?.[peer.key];
    console.log(
      JSON.stringify({
        workload,
        ours_native_ms: ours.median_ms,
        ours_wasm_ms: wasm.median_ms,
        peer: measured ? peer.name : `${peer.name} (not run: pass --peer)`,
        peer_ms: measured ? measured.median_ms : null,
        goal_ratio: GOAL_RATIO,
        note: measured ? peer.note(measured) : "",
      }),
    );
  }
  process.exit(0);
}

const header = ["implementation", "median ms", "its time / wasm", "first correlation"];
const rows = [
  ["mmml native", ours.median_ms, ours.correlations[0]],
  ["mmml wasm in Node", wasm.median_ms, wasm.correlations[0]],
  ...(peers
    ? PEERS.map((peer) => [peer.name, peers[peer.key].median_ms, peers[peer.key].correlations[0]])
    : []),
].map(([name, ms, first]) => [name, ms.toFixed(3), `${(ms / wasm.median_ms).toFixed(1)}x`, first.toFixed(6)]);
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column].length)),
);
const line = (cells) => "| " + cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ") + " |";
console.log(line(header));
console.log("|" + widths.map((width) => "-".repeat(width + 2)).join("|") + "|");
rows.forEach((row) => console.log(line(row)));
console.log(`\n${workload}; median of ${REPEATS} fits (scikit-learn: of 3).`);
if (peers) {
  for (const peer of PEERS) console.log(`${peer.key}: ${peer.note(peers[peer.key])}`);
}
for (const n of [200, 300]) {
  const kernel = native[`kernel_cca_${n}`];
  if (kernel) console.log(`Kernel CCA, first ${n} samples, natively: ${kernel.median_ms.toFixed(1)} ms`);
}

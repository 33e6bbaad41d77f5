// The BROJA benchmark: seeded random n x n x n tables solved natively, as
// WebAssembly in Node, and (with --peer) by cvxpy with Clarabel, side by side
// in one run. Run it with `scripts/bench-pid.sh [--peer]`, which builds first.
// With --json it prints one JSON object per table size instead of the table,
// the rows scripts/bench.sh collects from every benchmark driver in bench/.

import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";

const SIZES = [2, 4, 8, 12];
const SEED = 7;
// The goal: at least 20 times faster than cvxpy with Clarabel, in wasm.
const GOAL_RATIO = 20;
// What the peer took on this machine kind, for when it is not run.
const PEER_REFERENCE_MS = { 2: 10, 4: 32, 8: 500, 12: 3700 };

const target = process.env.CARGO_TARGET_DIR ?? "target";
const withPeer = process.argv.includes("--peer");
const asJson = process.argv.includes("--json");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function jsonLines(text) {
  return Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .map((row) => [row.n, row]),
  );
}

function timeWasm() {
  // Resolved from the working directory, like the other paths here: the
  // target directory may be relative (the default) or absolute.
  const mmml = createRequire(import.meta.url)(path.resolve(target, "pkg-node", "pid", "mmml.js"));
  const rows = {};
  for (const n of SIZES) {
    const repeats = n <= 4 ? 50 : 10;
    mmml.brojaOfRandomTable(n, BigInt(SEED)); // Warm the JIT up.
    const times = [];
    let result;
    for (let i = 0; i < repeats; i++) {
      const start = performance.now();
      result = mmml.brojaOfRandomTable(n, BigInt(SEED));
      times.push(performance.now() - start);
    }
    rows[n] = { median_ms: median(times), R: result.R };
  }
  return rows;
}

function timePeer() {
  const venv = `${target}/bench-venv`;
  if (!existsSync(`${venv}/bin/python`)) {
    console.error("Making a Python environment for the peer (cvxpy, numpy) in", venv);
    // Output goes to stderr: with --json, stdout carries only the rows.
    execFileSync("python3", ["-m", "venv", venv], { stdio: ["ignore", 2, 2] });
  }
  try {
    // The environment is shared with the other drivers' peers.
    execFileSync(`${venv}/bin/python`, ["-c", "import cvxpy, numpy"], { stdio: "ignore" });
  } catch {
    console.error("Installing cvxpy and numpy into", venv);
    execFileSync(`${venv}/bin/pip`, ["install", "--quiet", "cvxpy", "numpy"], { stdio: ["ignore", 2, 2] });
  }
  const output = execFileSync(
    `${venv}/bin/python`,
    ["bench/pid_cvxpy.py", String(SEED), ...SIZES.map(String)],
    {
      encoding: "utf8",
    },
  );
  return jsonLines(output);
}

const native = jsonLines(execFileSync(`${target}/release/examples/bench_pid`, { encoding: "utf8" }));
const wasm = timeWasm();
const peer = withPeer ? timePeer() : null;

if (asJson) {
  for (const n of SIZES) {
    const row = {
      workload: `BROJA PID of a random ${n}x${n}x${n} table`,
      ours_native_ms: native[n].median_ms,
      ours_wasm_ms: wasm[n].median_ms,
      peer: withPeer ? "cvxpy + Clarabel" : "cvxpy + Clarabel (reference time, not this run)",
      peer_ms: peer ? peer[n].median_ms : PEER_REFERENCE_MS[n],
      goal_ratio: GOAL_RATIO,
      note: peer
        ? `R differs from the peer's by ${Math.abs(wasm[n].R - peer[n].R).toExponential(1)} bits`
        : "",
    };
    console.log(JSON.stringify(row));
  }
  process.exit(0);
}

const header = [
  "table",
  "native ms",
  "wasm ms",
  withPeer ? "cvxpy ms (this run)" : "cvxpy ms (reference)",
  "peer / wasm",
  "goal",
  "|R wasm - R peer|",
];
const rows = SIZES.map((n) => {
  const peerMs = peer ? peer[n].median_ms : PEER_REFERENCE_MS[n];
  const ratio = peerMs / wasm[n].median_ms;
  return [
    `${n}x${n}x${n}`,
    native[n].median_ms.toFixed(3),
    wasm[n].median_ms.toFixed(3),
    peerMs.toFixed(1),
    `${ratio.toFixed(1)}x`,
    ratio >= GOAL_RATIO ? "met" : `missed (${GOAL_RATIO}x)`,
    peer ? Math.abs(wasm[n].R - peer[n].R).toExponential(1) : "-",
  ];
});
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column].length)),
);
const line = (cells) => "| " + cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ") + " |";
console.log(line(header));
console.log("|" + widths.map((width) => "-".repeat(width + 2)).join("|") + "|");
rows.forEach((row) => console.log(line(row)));
console.log(
  `\nMedian solve time of BROJA for the seeded random table (seed ${SEED}), iterations of ${native[12].iterations} at 12x12x12.`,
);

// The fusion lab's training benchmark: samples per second for the lab's
// networks, trained by the crate as WebAssembly in Node, side by side in one
// run with TensorFlow.js (its CPU and its WebAssembly backends) training the
// same network shape on the same data with the same optimiser and batch size.
// Also times one redraw of the page's 100 x 100 map with its curves, in
// headless Chromium. Run it with `scripts/bench-fusion.sh` (or with every
// other benchmark by `scripts/bench.sh`), which builds first; TensorFlow.js
// is installed by this driver into a local folder, never a dependency of the
// site.
//
// Prints a table, or with --json one JSON object per workload in the format
// of scripts/bench.mjs, times given as milliseconds per 1,000 samples.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { launchChromium } from "../tests/e2e/browser.mjs";
import { startServer } from "../scripts/server.mjs";

const target = process.env.CARGO_TARGET_DIR ?? "target";
const peerFolder = process.env.MMML_BENCH_NODE ?? `${target}/bench-node`;
const json = process.argv.includes("--json");
const TFJS_VERSION = "4.22.0";
const print = console.log;
console.log = () => {}; // TensorFlow.js advertises its native backend on stdout.

const SAMPLES = 600; // 400 train, 200 test: the lab's default univariate XOR.
const TRAIN = 400;
const WIDTH = 16;
const BATCH = 32;
const LEARNING_RATE = 0.01;
const STEPS = 3000;
const REPEATS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** The crate's lab, with evaluation pushed past the end so only training is timed. */
function timeOurs(mmml, fusion) {
  const settings = {
    dataset: {
      source: { kind: "univariate" },
      interaction: { kind: "synergy" },
      samples: SAMPLES,
      noise: 0,
      testFraction: 1 / 3,
      seed: 1,
    },
    fusion,
    width: WIDTH,
    rank: 4,
    training: {
      optimiser: "adam",
      learningRate: LEARNING_RATE,
      batchSize: BATCH,
      maxSteps: 100000,
      evaluateEvery: 100000,
      seed: 1,
    },
  };
  const rates = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const lab = new mmml.FusionLab(settings);
    lab.train(50); // Warm the JIT up.
    const start = performance.now();
    lab.train(STEPS);
    rates.push((STEPS * BATCH) / ((performance.now() - start) / 1000));
    lab.free();
  }
  return median(rates);
}

/** The same network in TensorFlow.js's layers API, what a page would use instead. */
function peerModel(tf, fusion) {
  const a = tf.input({ shape: [1] });
  const b = tf.input({ shape: [1] });
  const dense = (units, activation) => tf.layers.dense({ units, activation });
  let logits;
  if (fusion === "early") {
    const joint = tf.layers.concatenate().apply([a, b]);
    logits = dense(2).apply(dense(WIDTH, "relu").apply(dense(WIDTH, "relu").apply(joint)));
  } else if (fusion === "additive") {
    const fromA = dense(2).apply(dense(WIDTH, "relu").apply(a));
    const fromB = tf.layers.dense({ units: 2, useBias: false }).apply(dense(WIDTH, "relu").apply(b));
    logits = tf.layers.add().apply([fromA, fromB]);
  } else {
    throw new Error(`no TensorFlow.js twin for ${fusion}`);
  }
  const model = tf.model({ inputs: [a, b], outputs: logits });
  model.compile({
    optimizer: tf.train.adam(LEARNING_RATE),
    loss: (labels, z) => tf.losses.softmaxCrossEntropy(labels, z),
  });
  return model;
}

async function timePeer(tf, backend, fusion) {
  await tf.setBackend(backend);
  await tf.ready();
  // The same univariate XOR: x_A, x_B uniform on (-1, 1), y = 1[x_A x_B > 0].
  const a = tf.randomUniform([TRAIN, 1], -1, 1, "float32", 1);
  const b = tf.randomUniform([TRAIN, 1], -1, 1, "float32", 2);
  const labels = tf.oneHot(tf.cast(tf.greater(tf.mul(a, b), 0), "int32").reshape([TRAIN]), 2);
  const epochs = Math.ceil((STEPS * BATCH) / TRAIN);
  const rates = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const model = peerModel(tf, fusion);
    await model.fit([a, b], labels, { batchSize: BATCH, epochs: 2, verbose: 0 });
    const start = performance.now();
    await model.fit([a, b], labels, { batchSize: BATCH, epochs, shuffle: true, verbose: 0 });
    rates.push((epochs * TRAIN) / ((performance.now() - start) / 1000));
    model.dispose();
  }
  return median(rates);
}

async function loadPeer() {
  if (!existsSync(path.join(peerFolder, "node_modules", "@tensorflow", "tfjs-backend-wasm"))) {
    console.error(`Installing TensorFlow.js ${TFJS_VERSION} (the peer) into ${peerFolder}`);
    execFileSync(
      "npm",
      [
        "install",
        "--prefix",
        peerFolder,
        "--no-audit",
        "--no-fund",
        "--no-save",
        `@tensorflow/tfjs@${TFJS_VERSION}`,
        `@tensorflow/tfjs-backend-wasm@${TFJS_VERSION}`,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
  }
  const require = createRequire(path.resolve(peerFolder, "package.json"));
  const tf = require("@tensorflow/tfjs");
  const wasm = require("@tensorflow/tfjs-backend-wasm");
  wasm.setWasmPaths(
    require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm").replace(/[^/]+$/, ""),
  );
  return tf;
}

/** Samples per second of the native build (examples/bench_fusion.rs), if built. */
function nativeRates() {
  const binary = path.join(target, "release", "examples", "bench_fusion");
  if (!existsSync(binary)) return {};
  const lines = execFileSync(binary, { encoding: "utf8" }).trim().split("\n");
  return Object.fromEntries(
    lines.map((line) => JSON.parse(line)).map((row) => [row.fusion, row.samples_per_second]),
  );
}

/** Median redraw times of the page, from the user-timing measures it records while training. */
async function timeRedraw() {
  const server = await startServer({ root: "www", port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/fusion.html?fusion=tensor&steps=3000`);
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#play");
    await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
      timeout: 120000,
    });
    // Paused, every redraw draws the full 100 x 100 map (50 x 50 while training).
    for (let i = 0; i < 7; i++) await page.click("#step");
    return await page.evaluate(() => {
      const median = (name) => {
        const times = performance
          .getEntriesByName(name)
          .map((entry) => entry.duration)
          .sort((a, b) => a - b);
        return times[times.length >> 1];
      };
      return {
        draw: median("fusion-map-draw-100"),
        compute: median("fusion-map-compute-100"),
        curves: median("fusion-redraw-curves"),
      };
    });
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

const perThousand = (samplesPerSecond) => (samplesPerSecond ? 1e6 / samplesPerSecond : null);

const mmml = createRequire(import.meta.url)(path.resolve(target, "pkg-node", "fusion", "mmml.js"));
const tf = await loadPeer();
const rows = [];
for (const fusion of ["additive", "early"]) {
  const ours = timeOurs(mmml, fusion);
  const cpu = await timePeer(tf, "cpu", fusion);
  const wasm = await timePeer(tf, "wasm", fusion);
  rows.push({ fusion, ours, cpu, wasm });
}

const native = nativeRates();
const redraw = await timeRedraw();

if (json) {
  for (const row of rows) {
    for (const [peer, rate] of [
      [`TensorFlow.js ${TFJS_VERSION} cpu`, row.cpu],
      [`TensorFlow.js ${TFJS_VERSION} wasm`, row.wasm],
    ]) {
      print(
        JSON.stringify({
          workload: `train ${row.fusion} fusion (width ${WIDTH}, batch ${BATCH}, Adam), ms per 1,000 samples`,
          ours_native_ms: perThousand(native[row.fusion]),
          ours_wasm_ms: perThousand(row.ours),
          peer,
          peer_ms: perThousand(rate),
          goal_ratio: 1,
        }),
      );
    }
  }
  print(
    JSON.stringify({
      workload: "fusion page: draw the 100x100 map with its points (goal 4 ms)",
      ours_wasm_ms: redraw.draw,
      note: `the model's map itself is computed in ${redraw.compute.toFixed(1)} ms; curves and numbers redraw in ${redraw.curves.toFixed(2)} ms`,
    }),
  );
} else {
  const header = ["network", "mmml native", "mmml wasm", "tfjs cpu", "ratio", "tfjs wasm", "ratio"];
  const cells = rows.map((row) => [
    `${row.fusion} fusion, width ${WIDTH}`,
    native[row.fusion] ? `${Math.round(native[row.fusion])}` : "-",
    `${Math.round(row.ours)}`,
    `${Math.round(row.cpu)}`,
    `${(row.ours / row.cpu).toFixed(2)}x`,
    `${Math.round(row.wasm)}`,
    `${(row.ours / row.wasm).toFixed(2)}x`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column].length)),
  );
  const line = (row) => "| " + row.map((cell, column) => cell.padEnd(widths[column])).join(" | ") + " |";
  print(line(header));
  print("|" + widths.map((width) => "-".repeat(width + 2)).join("|") + "|");
  cells.forEach((row) => print(line(row)));
  print(
    `\nTraining samples per second (median of ${REPEATS} runs of ${STEPS} steps), batch ${BATCH}, Adam ${LEARNING_RATE}, on ${TRAIN} samples of the univariate XOR. Goal: ratio at least 1 against both.`,
  );
  print(
    `Fusion page, median over a training run in Chromium: drawing the 100x100 map with its points ${redraw.draw.toFixed(2)} ms (goal 4 ms), computing the map ${redraw.compute.toFixed(1)} ms, curves and numbers ${redraw.curves.toFixed(2)} ms.`,
  );
}

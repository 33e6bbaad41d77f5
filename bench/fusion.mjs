// The fusion lab's training benchmark: samples per second for the lab's
// networks, trained by the crate as WebAssembly in Node, side by side in one
// run with TensorFlow.js (its CPU and its WebAssembly backends) training the
// same network shape on the same data with the same optimiser and batch size.
// Run it with `scripts/bench-fusion.sh`, which builds first and installs
// TensorFlow.js into a local folder (it is never a dependency of the site).
//
// Prints a table, or with --json one JSON object per workload.

import { createRequire } from "node:module";

const target = process.env.CARGO_TARGET_DIR ?? "target";
const peerFolder = process.env.MMML_BENCH_NODE ?? `${target}/bench-node`;
const json = process.argv.includes("--json");

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
  const require = createRequire(`${process.cwd()}/${peerFolder}/`);
  const silence = console.log;
  console.log = () => {}; // TensorFlow.js advertises its native backend on load.
  const tf = require("@tensorflow/tfjs");
  const wasm = require("@tensorflow/tfjs-backend-wasm");
  console.log = silence;
  wasm.setWasmPaths(
    require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm").replace(/[^/]+$/, ""),
  );
  return tf;
}

const mmml = createRequire(import.meta.url)(`../${target}/pkg-node/mmml.js`);
const tf = await loadPeer();
const rows = [];
for (const fusion of ["additive", "early"]) {
  const ours = timeOurs(mmml, fusion);
  const cpu = await timePeer(tf, "cpu", fusion);
  const wasm = await timePeer(tf, "wasm", fusion);
  rows.push({ fusion, ours, cpu, wasm });
}

if (json) {
  for (const row of rows) {
    for (const [peer, rate] of [
      ["TensorFlow.js cpu", row.cpu],
      ["TensorFlow.js wasm", row.wasm],
    ]) {
      console.log(
        JSON.stringify({
          workload: `train ${row.fusion} fusion, width ${WIDTH}, batch ${BATCH}, Adam`,
          unit: "samples/s",
          ours_wasm: row.ours,
          peer,
          peer_value: rate,
          ratio: row.ours / rate,
        }),
      );
    }
  }
} else {
  const header = ["network", "mmml wasm", "tfjs cpu", "ratio", "tfjs wasm", "ratio"];
  const cells = rows.map((row) => [
    `${row.fusion} fusion, width ${WIDTH}`,
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
  console.log(line(header));
  console.log("|" + widths.map((width) => "-".repeat(width + 2)).join("|") + "|");
  cells.forEach((row) => console.log(line(row)));
  console.log(
    `\nTraining samples per second (median of ${REPEATS} runs of ${STEPS} steps), batch ${BATCH}, Adam ${LEARNING_RATE}, on ${TRAIN} samples of the univariate XOR. Goal: ratio at least 1 against both.`,
  );
}

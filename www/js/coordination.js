// The coordination lab: paired data from a seed, the similarity matrix of
// held-out pairs in three spaces (raw features, CCA variates, learned
// embeddings), CCA's spectrum and variates with kernel CCA beside it, two
// encoders trained live with a contrastive loss a few steps per animation
// frame, and fission of each modality into shared and specific parts.

import * as crate from "../pkg/coordination/mmml.js";
import { loadCrate } from "./wasm.js";
import { onLayoutChange } from "./canvas.js";
import { FrameTrainer, onVisibilityChange, redrawInterval, retrainFrame, showPlaying } from "./loop.js";
import { quoteTyped, setText } from "./dom.js";
import { field, parseValue, readSavedSetup, readState, replaceUrl } from "./state.js";
import { downloadCanvas, downloadCsv, downloadJson, parseSnapshot, readChosenFile } from "./export.js";
import { applyTeacherOptions, teacherOptions } from "./teacher.js";
import { bindSharing } from "./share.js";
import { drawCurves } from "./curves.js";
import { diagonalContrast, drawHeatmap } from "./heatmap.js";
import { drawBars, drawPairs } from "./pairs.js";
import { LINNERUD } from "./linnerud.js";

const TEMPERATURES = [0.01, 0.02, 0.05, 0.07, 0.1, 0.2, 0.5, 1, 2];
const EVALUATE_EVERY = 25;
/** Milliseconds of training per animation frame, leaving the rest to drawing. */
const FRAME_BUDGET_MS = 8;
/** The embeddings, the similarity matrix and fission are redrawn at most this often while training. */
const VIEW_INTERVAL_MS = 120;
const RECALL = {
  title: "recall@1 (test)",
  keys: ["recallAToB", "recallBToA"],
  names: ["A→B", "B→A"],
};

const schema = {
  source: field.choice(["latent", "digits", "csv"], "latent"),
  shared: field.integer(1, 6, 3),
  private: field.integer(0, 6, 1),
  dimension: field.integer(2, 32, 8),
  pairs: field.integer(60, 2000, 1000),
  noise: field.number(0, 1, 0.1),
  dseed: field.integer(0, 4294967295, 1),
  space: field.choice(["raw", "cca", "learned"], "learned"),
  kernel: field.choice(["cosine", "linear", "polynomial", "exponential", "rbf"], "cosine"),
  degree: field.integer(1, 6, 2),
  bandwidth: field.choice(["0.1", "0.3", "1", "3", "10"], "1"),
  shown: field.integer(10, 100, 40),
  ridge: field.choice(["0", "0.0001", "0.001", "0.01", "0.1", "0.5", "1"], "0.001"),
  components: field.integer(1, 8, 3),
  kbandwidth: field.choice(["0.25", "0.5", "1", "2"], "1"),
  kappa: field.choice(["0.0001", "0.001", "0.01", "0.1"], "0.001"),
  objective: field.choice(["clip", "infoNce", "maxMargin"], "clip"),
  temperature: field.choice(TEMPERATURES.map(String), "0.1"),
  margin: field.number(0, 1, 0.2),
  batch: field.choice(["8", "16", "32", "64", "128", "256"], "64"),
  embedding: field.integer(2, 8, 3),
  width: field.integer(4, 128, 16),
  lr: field.choice(["0.0005", "0.001", "0.005", "0.01", "0.05", "0.1", "1"], "0.005"),
  steps: field.integer(1, 100000, 2000),
  seed: field.integer(0, 4294967295, 1),
  play: field.flag(false),
  lecture: field.flag(false),
};

const KERNELS = {
  cosine: "k(x, y) = ⟨x, y⟩ / (|x| |y|)",
  linear: "k(x, y) = ⟨x, y⟩",
  polynomial: "k(x, y) = (⟨x, y⟩ + 1)<sup>d</sup>",
  exponential: "k(x, y) = exp(−|x − y| / σ)",
  rbf: "k(x, y) = exp(−|x − y|² / 2σ²)",
};

const OBJECTIVES = {
  clip: "L = ½ (L<sub>A→B</sub> + L<sub>B→A</sub>), L<sub>A→B</sub> = −(1/N) Σ<sub>i</sub> log softmax<sub>j</sub>(s<sub>ij</sub>/τ)<sub>j=i</sub>",
  infoNce:
    "L<sub>A→B</sub> = −(1/N) Σ<sub>i</sub> log softmax<sub>j</sub>(s<sub>ij</sub>/τ)<sub>j=i</sub>, s = cosine",
  maxMargin:
    "L = mean<sub>i≠j</sub> [max(0, α + s<sub>ij</sub> − s<sub>ii</sub>) + max(0, α + s<sub>ji</sub> − s<sub>ii</sub>)]",
};

const STOPS = {
  budget: (steps) => `Stopped after its step budget of ${steps} steps. Raise the budget to train longer.`,
  plateau: (steps) =>
    `Stopped at step ${steps}: the training loss has not improved by 1 % in 600 steps (a plateau). Reset trains again; another temperature or batch size changes what it can reach.`,
  diverged: (steps) =>
    `Training diverged after step ${steps}: the loss stopped being a number, so the last good weights are shown. Choose a lower learning rate (0.005 is a safe start) and press Play.`,
};

const $ = (id) => document.getElementById(id);

let mmml;
let state;
let lab = null;
let playing = false;
let visible = true;
const trainer = new FrameTrainer(FRAME_BUDGET_MS, 200);
let lastView = -Infinity;
let frameRequested = false;
let kernelResult = null;
/** The student's CSV while the source is "csv": {name, text, columnsA, columnsB}, or null. */
let table = null;
let replay = null; // {steps, history, notes} while a reopened snapshot retrains.

function showMessage(text, id = "message") {
  $(id).textContent = text;
  $(id).hidden = !text;
}

/** The lab's settings for the page's state, as the crate reads them. */
function settings() {
  const source =
    state.source === "latent"
      ? { kind: "latent", shared: state.shared, private: state.private, dimension: state.dimension }
      : { kind: "digits" };
  const objective =
    state.objective === "maxMargin"
      ? { kind: "maxMargin", margin: state.margin }
      : { kind: state.objective, temperature: Number(state.temperature) };
  return {
    data: { source, pairs: state.pairs, noise: state.noise, testFraction: 1 / 3, seed: state.dseed },
    contrastive: {
      objective,
      width: state.width,
      embedding: state.embedding,
      batchSize: Number(state.batch),
      learningRate: Number(state.lr),
      maxSteps: state.steps,
      evaluateEvery: EVALUATE_EVERY,
      seed: state.seed,
    },
  };
}

function kernel() {
  switch (state.kernel) {
    case "polynomial":
      return { kind: "polynomial", degree: state.degree, offset: 1 };
    case "exponential":
    case "rbf":
      return { kind: state.kernel, bandwidth: Number(state.bandwidth) };
    default:
      return { kind: state.kernel };
  }
}

/** A new lab for the current setup, or throws; nothing is replaced until it exists. */
function createLab() {
  if (state.source === "csv") {
    if (!table) throw new Error("choose a CSV file or load the example to use your own data");
    return mmml.CoordinationLab.withTable(settings(), table.text, table.columnsA, table.columnsB);
  }
  return new mmml.CoordinationLab(settings());
}

function rebuild() {
  let fresh;
  try {
    fresh = createLab();
  } catch (error) {
    if (state.source === "csv" && lab) {
      // Keep the lab on screen: a student's table that fails loses nothing.
      showMessage(`${error.message}.`, "csv-message");
      return;
    }
    fresh = null;
    lab?.free();
    lab = null;
    showMessage(`${error.message}. Change that setting to train again.`);
    setPlaying(false);
    $("status").textContent = "No encoders: the setup above is not valid.";
  }
  kernelResult = null;
  $("kernel-table").hidden = true;
  if (fresh) {
    lab?.free();
    lab = fresh;
    showMessage("");
    showMessage("", "csv-message");
  }
  if (!lab) {
    for (const id of ["train-loss", "test-loss", "recall-ab", "recall-ba", "alignment", "uniformity"]) {
      $(id).textContent = "–";
    }
  }
  trainer.reset();
  replaceUrl(schema, state, teacherOptions());
  redraw(true);
  drawCca();
}

function setPlaying(on) {
  playing = on && lab !== null && !lab.status().stopped;
  showPlaying(playing);
  if (playing) requestFrame();
  else if (lab) redraw(false);
}

function requestFrame() {
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(frame);
  }
}

function frame() {
  frameRequested = false;
  if (!visible) return;
  if (replay) {
    replayFrame();
    return;
  }
  if (!playing || !lab) return;
  trainer.train(lab);
  const status = lab.status();
  redraw(status.stopped !== null || performance.now() - lastView > redrawInterval(VIEW_INTERVAL_MS));
  if (status.stopped) setPlaying(false);
  else requestFrame();
}

const percent = (value) => `${(100 * value).toFixed(1)} %`;
const fixed = (value, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const mean = (values) =>
  values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : NaN;

/** Numbers and curves every time; the embeddings, similarity and fission when `withViews`. */
function redraw(withViews) {
  if (!lab) return;
  const status = lab.status();
  const { latest } = status;
  $("train-loss").textContent = fixed(latest.trainLoss);
  $("test-loss").textContent = fixed(latest.testLoss);
  $("recall-ab").textContent = percent(latest.recallAToB);
  $("recall-ba").textContent = percent(latest.recallBToA);
  $("chance").textContent =
    `${percent(1 / status.testPairs)} (1 in the ${status.testPairs} held-out pairs recall is measured on)`;
  $("alignment").textContent = fixed(latest.alignment);
  $("uniformity").textContent = fixed(latest.uniformity);
  setText($("parameters"), `${status.parameterCount.toLocaleString("en")} parameters in the two encoders`);
  if (status.stopped === "diverged") {
    $("status").textContent = `Stopped after step ${latest.step}: training diverged.`;
    showMessage(STOPS.diverged(latest.step));
  } else {
    $("status").textContent = status.stopped
      ? STOPS[status.stopped](status.steps)
      : `Step ${status.steps} of ${status.maxSteps}${playing ? ", training…" : ""}`;
  }
  drawCurves($("curves"), lab.history(), status.maxSteps, RECALL);
  if (!withViews) return;
  lastView = performance.now();

  try {
    const learned = lab.learned();
    drawPairs($("embeddings"), learned.points, lab.labels(), { unit: true, axes: ["z₁ / |z|", "z₂ / |z|"] });
    showFission("learned", learned);
  } catch (error) {
    showMessage(`The learned embeddings cannot be measured: ${error.message}.`);
  }
  drawSimilarity();
}

function drawSimilarity() {
  const count = Math.min(state.shown, lab.status().testPairs);
  $("shown-count").textContent = String(count);
  try {
    const matrix = lab.similarity(state.space, kernel(), Number(state.ridge), state.components, count);
    drawHeatmap($("similarity"), matrix, count);
    const { diagonal, offDiagonal } = diagonalContrast(matrix, count);
    $("diagonal-note").textContent =
      `Mean similarity of true pairs ${fixed(diagonal)}, of the other pairings ${fixed(offDiagonal)}.`;
    $("similarity").dataset.diagonal = String(diagonal - offDiagonal);
  } catch (error) {
    $("diagonal-note").textContent = `No matrix: ${error.message}.`;
  }
}

function showFission(prefix, space) {
  $(`${prefix}-shared-a`).textContent = percent(space.fissionA.shared);
  $(`${prefix}-specific-a`).textContent = percent(space.fissionA.specific);
  $(`${prefix}-shared-b`).textContent = percent(space.fissionB.shared);
  $(`${prefix}-specific-b`).textContent = percent(space.fissionB.specific);
  $(`${prefix}-recovered`).textContent = space.recovered.length
    ? fixed(mean(space.recovered))
    : "– (no planted factors)";
}

/** CCA on the training pairs: spectrum, variates and fission; a failure is explained beside the ridge. */
function drawCca() {
  if (!lab) return;
  try {
    const result = lab.cca(Number(state.ridge), state.components);
    showMessage("", "cca-message");
    const correlations = result.correlations;
    drawBars(
      $("spectrum"),
      correlations,
      correlations.map((_, index) => String(index + 1)),
    );
    $("spectrum-numbers").textContent =
      `Canonical correlations: ${correlations.map((value) => value.toFixed(3)).join(", ")}.`;
    drawPairs($("variates"), result.points, lab.labels(), { axes: ["u₁, v₁", "u₂, v₂"] });
    $("fission-components").textContent = String(Math.min(state.components, correlations.length));
    showFission("cca", result);
  } catch (error) {
    showMessage(`CCA: ${error.message}.`, "cca-message");
    $("spectrum-numbers").textContent = "No canonical correlations: see the message under the CCA controls.";
  }
  if (state.space === "cca" && lab) drawSimilarity();
}

function runKernelCca() {
  if (!lab) return;
  $("kernel-cca").disabled = true;
  $("kernel-correlations").textContent = "computing…";
  $("kernel-table").hidden = false;
  // Let the page paint "computing…" before the cubic-time solve.
  setTimeout(() => {
    try {
      kernelResult = lab.kernelCca(Number(state.kbandwidth), Number(state.kappa));
      $("kernel-pairs").textContent = String(kernelResult.pairs);
      $("kernel-correlations").textContent = kernelResult.kernel.map((value) => value.toFixed(3)).join(", ");
      $("linear-correlations").textContent = kernelResult.linear
        .slice(0, 5)
        .map((value) => value.toFixed(3))
        .join(", ");
      showMessage("", "cca-message");
    } catch (error) {
      $("kernel-table").hidden = true;
      showMessage(`Kernel CCA: ${error.message}.`, "cca-message");
    }
    $("kernel-cca").disabled = false;
  }, 0);
}

/** Retrains a reopened snapshot a frame at a time, then says whether it matches. */
function replayFrame() {
  if (!lab) {
    replay = null;
    return;
  }
  const verdict = retrainFrame(trainer, lab, replay);
  if (verdict === null) {
    requestFrame();
    return;
  }
  replay = null;
  redraw(true);
  $("link-status").textContent = verdict;
}

// --- The student's own data ----------------------------------------------------

/** "1-3, 5" as zero-based column indices [0, 1, 2, 4]; throws a message naming the bad part. */
function parseColumns(text, count) {
  const indices = [];
  for (const part of text.split(",").map((piece) => piece.trim())) {
    const range = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    const first = Number(range?.[1]);
    const last = Number(range?.[2] ?? range?.[1]);
    if (!range || first < 1 || last < first || last > count) {
      throw new Error(
        `"${part}" is not a column or a range of columns: give numbers from 1 to ${count}, like 1-3, 5`,
      );
    }
    for (let column = first; column <= last; column++) {
      if (indices.includes(column - 1)) throw new Error(`column ${column} is listed twice in "${text}"`);
      indices.push(column - 1);
    }
  }
  return indices;
}

/** Reads `text` as the student's table with the columns typed (or, if empty, halves of the columns). */
/** `strict`: the student pressed "Use these columns", so the columns typed must be valid. */
function useTable(name, text, strict = false) {
  let columns;
  try {
    columns = mmml.CoordinationLab.tableColumns(text);
  } catch (error) {
    showMessage(`${name}: ${error.message}. The data on screen is kept.`, "csv-message");
    return;
  }
  if (columns.length < 2) {
    showMessage(
      `${name} has only one column: give at least one column for each modality, separated by commas. The data on screen is kept.`,
      "csv-message",
    );
    return;
  }
  const typed = [$("columns-a").value, $("columns-b").value];
  let columnsA;
  let columnsB;
  try {
    const half = Math.max(1, Math.floor(columns.length / 2));
    const halves = [
      half > 1 ? `1-${half}` : "1",
      columns.length > half + 1 ? `${half + 1}-${columns.length}` : String(half + 1),
    ];
    // The columns typed are kept if they fit this file; otherwise each modality gets half.
    let specification = typed;
    if (!strict && (typed.some((text) => text.trim() === "") || !fits(typed, columns.length)))
      specification = halves;
    [columnsA, columnsB] = specification.map((text) => parseColumns(text, columns.length));
    if (columnsA.some((column) => columnsB.includes(column))) {
      throw new Error("a column is given to both modalities: each column belongs to one");
    }
    [$("columns-a").value, $("columns-b").value] = specification;
  } catch (error) {
    showMessage(`${error.message}. The data on screen is kept.`, "csv-message");
    return;
  }
  const previous = table;
  const previousSource = state.source;
  table = { name, text, columnsA, columnsB, names: columns };
  state.source = "csv";
  syncControls();
  const before = lab;
  rebuild();
  if (lab === before) {
    table = previous;
    state.source = previousSource;
    [$("columns-a").value, $("columns-b").value] = typed;
    syncControls();
    return;
  }
  describeTable();
}

/** Whether both column specifications are valid for a table of `count` columns. */
function fits(specifications, count) {
  try {
    specifications.forEach((text) => parseColumns(text, count));
    return true;
  } catch {
    return false;
  }
}

/** Says which columns of the student's table are A and B, and how many rows are held out. */
function describeTable() {
  if (!table || !lab) return;
  const list = (indices) => indices.map((index) => table.names[index]).join(", ");
  $("csv-columns").textContent =
    `${table.name}: recall is measured on ${lab.status().testPairs} held-out rows. A is ${list(table.columnsA)}; B is ${list(table.columnsB)}.`;
}

/** Column indices as the text a student would type: [0, 1, 2, 4] is "1-3, 5". */
function columnText(indices) {
  const runs = [];
  for (const index of indices) {
    const last = runs.at(-1);
    if (last && index === last[1] + 1) last[1] = index;
    else runs.push([index, index]);
  }
  return runs
    .map(([first, last]) => (first === last ? `${first + 1}` : `${first + 1}-${last + 1}`))
    .join(", ");
}

// --- Controls ---------------------------------------------------------------

/** Sliders: [element id, setting, how its value is shown, and the values it steps through if not its own]. */
const RANGES = [
  ["shared", "shared", String],
  ["private", "private", String],
  ["dimension", "dimension", String],
  ["pairs", "pairs", String],
  ["noise", "noise", (v) => v.toFixed(2)],
  ["degree", "degree", String],
  ["shown", "shown", String],
  ["components", "components", String],
  // The slider picks a position in TEMPERATURES; the state and the link hold tau itself.
  ["temperature", "temperature", String, TEMPERATURES],
  ["margin", "margin", (v) => v.toFixed(2)],
  ["embedding", "embedding", String],
  ["width", "width", String],
];
const SELECTS = [
  ["source", "source"],
  ["space", "space"],
  ["kernel", "kernel"],
  ["bandwidth", "bandwidth"],
  ["ridge", "ridge"],
  ["kernel-bandwidth", "kbandwidth"],
  ["kappa", "kappa"],
  ["objective", "objective"],
  ["batch-size", "batch"],
  ["learning-rate", "lr"],
];
const NUMBERS = [
  ["data-seed", "dseed"],
  ["max-steps", "steps"],
  ["seed", "seed"],
];
/** Settings that only change what is drawn, not the data or the encoders. */
const VIEW_ONLY = new Set(["space", "kernel", "degree", "bandwidth", "shown"]);
const CCA_ONLY = new Set(["ridge", "components"]);
const KERNEL_CCA_ONLY = new Set(["kbandwidth", "kappa"]);

function syncControls() {
  for (const [id, name, format, scale] of RANGES) {
    $(id).value = scale ? scale.indexOf(Number(state[name])) : state[name];
    $(`${id}-value`).textContent = format(Number(state[name]));
    if (scale) $(id).setAttribute("aria-valuetext", format(Number(state[name])));
  }
  for (const [id, name] of [...SELECTS, ...NUMBERS]) $(id).value = state[name];
  $("lecture").checked = state.lecture;
  document.body.classList.toggle("lecture", state.lecture);

  $("latent-rows").hidden = state.source !== "latent";
  $("csv-rows").hidden = state.source !== "csv";
  $("noise-row").hidden = state.source === "csv";
  $("data-hint").hidden = state.source !== "latent";
  $("degree-row").hidden = state.kernel !== "polynomial";
  $("bandwidth-row").hidden = !["exponential", "rbf"].includes(state.kernel);
  $("temperature-row").hidden = state.objective === "maxMargin";
  $("margin-row").hidden = state.objective !== "maxMargin";
  $("kernel-formula").innerHTML = KERNELS[state.kernel];
  $("objective-formula").innerHTML = OBJECTIVES[state.objective];
}

/** Applies a change of setting `name`: redraws what it affects, retrains only if it must. */
function changed(name) {
  if (name === "source" && state.source === "csv" && !table) {
    // Choosing one's own data before having any starts from the example.
    $("columns-a").value = "1-3";
    $("columns-b").value = "4-6";
    useTable("linnerud.csv", LINNERUD);
    return;
  }
  syncControls();
  if (!VIEW_ONLY.has(name) && !CCA_ONLY.has(name) && !KERNEL_CCA_ONLY.has(name)) replay = null;
  if (VIEW_ONLY.has(name)) {
    replaceUrl(schema, state, teacherOptions());
    if (lab) drawSimilarity();
    return;
  }
  if (CCA_ONLY.has(name)) {
    replaceUrl(schema, state, teacherOptions());
    drawCca();
    return;
  }
  if (KERNEL_CCA_ONLY.has(name)) {
    replaceUrl(schema, state, teacherOptions());
    if (kernelResult) runKernelCca();
    return;
  }
  const wasPlaying = playing || $("group-training").hidden;
  rebuild();
  if (wasPlaying) setPlaying(true);
}

function bindControls() {
  for (const [id, name, format, scale] of RANGES) {
    $(id).addEventListener("input", () => {
      state[name] = scale ? String(scale[Number($(id).value)]) : Number($(id).value);
      $(`${id}-value`).textContent = format(Number(state[name]));
      if (scale) $(id).setAttribute("aria-valuetext", format(Number(state[name])));
      changed(name);
    });
  }
  for (const [id, name] of SELECTS) {
    $(id).addEventListener("change", () => {
      state[name] = $(id).value;
      changed(name);
    });
  }
  for (const [id, name] of NUMBERS) {
    $(id).addEventListener("change", () => {
      const value = parseValue(mmml, schema[name], $(id).value);
      if (value === undefined) {
        showMessage(
          `${quoteTyped($(id))} is not valid for ${$(id).labels[0].textContent.toLowerCase()}: give a whole number from ${$(id).min} to ${$(id).max}. The previous value is kept.`,
        );
        $(id).value = state[name];
        return;
      }
      state[name] = value;
      changed(name);
    });
  }
  $("lecture").addEventListener("change", () => {
    state.lecture = $("lecture").checked;
    document.body.classList.toggle("lecture", state.lecture);
    replaceUrl(schema, state, teacherOptions());
    redrawAll();
  });

  $("play").addEventListener("click", () => setPlaying(!playing));
  $("step").addEventListener("click", () => {
    if (!lab) return;
    setPlaying(false);
    lab.train(EVALUATE_EVERY);
    redraw(true);
  });
  $("reset").addEventListener("click", () => {
    replay = null;
    setPlaying(false);
    rebuild();
  });
  $("kernel-cca").addEventListener("click", runKernelCca);
  $("csv-file").addEventListener("change", async () => {
    const file = $("csv-file").files?.[0];
    if (!file) return;
    useTable(file.name, await file.text());
  });
  $("csv-load").addEventListener("click", () => {
    if (table) useTable(table.name, table.text, true);
    else showMessage("Choose a CSV file first, or load the example.", "csv-message");
  });
  $("csv-example").addEventListener("click", () => {
    $("columns-a").value = "1-3";
    $("columns-b").value = "4-6";
    table = null;
    useTable("linnerud.csv", LINNERUD);
  });
  bindSharing({
    schema,
    setup: () => state,
    demo: "coordination",
    title: "Coordination lab",
    height: 1900,
    caveat: () =>
      state.source === "csv"
        ? "It reproduces the settings but not your CSV data, which links cannot carry: share the file with it, or a snapshot (JSON), which holds the table."
        : "",
  });
  onLayoutChange(redrawAll);
  bindExports();
  onVisibilityChange((now) => {
    visible = now;
    if (visible) requestFrame();
  });
}

function redrawAll() {
  if (!lab) return;
  redraw(true);
  drawCca();
}

// --- Exports ------------------------------------------------------------------

function bindExports() {
  $("export-png").addEventListener("click", () =>
    downloadCanvas($("embeddings"), "coordination-embeddings.png"),
  );
  $("export-csv").addEventListener("click", () => {
    if (!lab) return;
    const columns = ["step", "trainLoss", "testLoss", "recallAToB", "recallBToA", "alignment", "uniformity"];
    const rows = [columns, ...lab.history().map((point) => columns.map((name) => point[name]))];
    downloadCsv(rows, "coordination-curves.csv");
  });
  $("export-json").addEventListener("click", () => {
    if (!lab) return;
    let cca = null;
    try {
      cca = lab.cca(Number(state.ridge), state.components);
    } catch (error) {
      cca = { error: error.message };
    }
    downloadJson(
      {
        format: "mmml-coordination",
        version: 1,
        table: state.source === "csv" ? table : null,
        setup: Object.fromEntries(
          Object.entries(schema).map(([name, type]) => [name, type.format(state[name])]),
        ),
        status: lab.status(),
        history: lab.history(),
        cca: cca && { correlations: cca.correlations, fissionA: cca.fissionA, fissionB: cca.fissionB },
        learned: (({ fissionA, fissionB, recovered }) => ({ fissionA, fissionB, recovered }))(lab.learned()),
        kernelCca: kernelResult,
      },
      "coordination-snapshot.json",
    );
  });
  $("import-json").addEventListener("change", async () => {
    const text = await readChosenFile($("import-json"));
    if (text === null) return;
    try {
      const saved = parseSnapshot(text);
      if (
        saved?.format !== "mmml-coordination" ||
        !Number.isInteger(saved.status?.steps) ||
        saved.status.steps < 0 ||
        saved.status.steps > 100000
      ) {
        throw new Error(
          "this file was not saved by the coordination lab (no format mmml-coordination with a step count)",
        );
      }
      const read = readSavedSetup(mmml, schema, saved.setup);
      let savedTable = null;
      if (read.state.source === "csv") {
        if (typeof saved.table?.text !== "string") {
          throw new Error("it was made with a CSV but does not hold the table");
        }
        // The names come from the table itself, not from what the file says of them.
        savedTable = { ...saved.table, names: mmml.CoordinationLab.tableColumns(saved.table.text) };
      }
      const previous = { state, table };
      state = { ...read.state, play: false };
      table = savedTable;
      let candidate;
      try {
        candidate = createLab(); // Refuses a bad setup before anything changes.
      } finally {
        ({ state, table } = previous);
      }
      candidate.free();
      setPlaying(false);
      state = { ...read.state, play: false };
      table = savedTable;
      if (table)
        [$("columns-a").value, $("columns-b").value] = [table.columnsA, table.columnsB].map(columnText);
      syncControls();
      rebuild();
      describeTable();
      $("link-status").textContent = "";
      replay = { steps: saved.status.steps, history: saved.history, notes: read.notices };
      requestFrame();
    } catch (error) {
      $("link-status").textContent = "";
      showMessage(`The file cannot be reopened: ${error.message}. Nothing was changed.`);
    }
  });
}

async function main() {
  mmml = await loadCrate(crate);
  const teacherNotices = applyTeacherOptions();
  const read = readState(mmml, schema);
  state = read.state;
  if (state.source === "csv") {
    // A link cannot carry the student's data.
    read.notices.push(
      "This link was made with someone's own CSV, which links do not carry: the planted data is shown. Choose the file under Data to use it.",
    );
    state.source = "latent";
  }
  syncControls();
  bindControls();
  rebuild();
  const notices = [...read.notices, ...teacherNotices];
  if (notices.length) showMessage(notices.join(" "));
  if (state.play) setPlaying(true);
  $("loading").hidden = true;
  document.body.dataset.ready = "true";
}

main().catch((error) => showMessage(`The demo could not start: ${error.message}`));

// The fusion lab: seeded two-modality data or a student's own CSV, a choice of seven fusion models,
// training in the page a few steps per animation frame, the model's map over
// the plane with its EMAP projection, and a comparison of every fusion.

import * as crate from "../pkg/fusion/mmml.js";
import { loadCrate } from "./wasm.js";
import { onLayoutChange } from "./canvas.js";
import { FrameTrainer, onVisibilityChange, redrawInterval, retrainFrame, showPlaying } from "./loop.js";
import { quoteTyped, setText } from "./dom.js";
import { field, parseValue, readSavedSetup, readState, replaceUrl } from "./state.js";
import { downloadCanvas, downloadCsv, downloadJson, parseSnapshot, readChosenFile } from "./export.js";
import { applyTeacherOptions, teacherOptions } from "./teacher.js";
import { bindSharing } from "./share.js";
import { clearPlane, drawPlane } from "./plane.js";
import { drawCurves } from "./curves.js";

const FUSIONS = ["additive", "early", "multiplicative", "bilinear", "tensor", "low-rank", "gated"];
const INTERACTIONS = ["additive", "unimodal", "redundant", "synergy", "mixture"];
const LEARNING_RATES = ["0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"];
const BATCH_SIZES = ["8", "16", "32", "64", "128", "256"];
const EVALUATE_EVERY = 25;
/** Milliseconds of training per animation frame, leaving the rest of the frame to drawing. */
const FRAME_BUDGET_MS = 8;
/** The map is recomputed at most this often while training. */
const MAP_INTERVAL_MS = 150;
const MAP_RESOLUTION = 100;
/** While training the map is computed on a coarser grid, a quarter of the work. */
const TRAINING_MAP_RESOLUTION = 50;

const schema = {
  // "table" is a student's CSV, which a link cannot carry: see withoutMissingTable().
  source: field.choice(["univariate", "multivariate", "digits", "table"], "univariate"),
  dimension: field.integer(2, 16, 8),
  interaction: field.choice(INTERACTIONS, "synergy"),
  wadd: field.number(0, 1, 1),
  wuni: field.number(0, 1, 0),
  wsyn: field.number(0, 1, 1),
  samples: field.integer(20, 2000, 600),
  noise: field.number(0, 0.5, 0),
  dseed: field.integer(0, 4294967295, 1),
  fusion: field.choice(FUSIONS, "additive"),
  width: field.integer(1, 64, 16),
  rank: field.integer(1, 65, 4),
  optimiser: field.choice(["adam", "sgd"], "adam"),
  lr: field.choice(LEARNING_RATES, "0.01"),
  batch: field.choice(BATCH_SIZES, "32"),
  steps: field.integer(1, 100000, 3000),
  seed: field.integer(0, 4294967295, 1),
  play: field.flag(false),
  lecture: field.flag(false),
};

const FORMULAS = {
  additive: "z = W<sub>A</sub> e<sub>A</sub> + W<sub>B</sub> e<sub>B</sub> + b",
  early: "z = MLP([x<sub>A</sub>; x<sub>B</sub>])",
  multiplicative: "z = W (e<sub>A</sub> ⊙ e<sub>B</sub>) + b",
  bilinear: "z<sub>c</sub> = e<sub>A</sub><sup>⊤</sup> W<sub>c</sub> e<sub>B</sub> + b<sub>c</sub>",
  tensor: "z = W vec([e<sub>A</sub>; 1] ⊗ [e<sub>B</sub>; 1])",
  "low-rank":
    "W<sub>c</sub> = Σ<sub>r</sub> a<sub>rc</sub> ⊗ b<sub>rc</sub>, so z<sub>c</sub> = Σ<sub>r</sub> (a<sub>rc</sub>·[e<sub>A</sub>; 1]) (b<sub>rc</sub>·[e<sub>B</sub>; 1])",
  gated:
    "z = W (g<sub>A</sub> ⊙ e<sub>A</sub> + g<sub>B</sub> ⊙ e<sub>B</sub>), g = σ(U [e<sub>A</sub>; e<sub>B</sub>])",
};

const STOPS = {
  budget: (steps) => `Stopped after its step budget of ${steps} steps. Raise the budget to train longer.`,
  plateau: (steps) =>
    `Stopped at step ${steps}: the training loss has not improved by 1 % in 600 steps (a plateau). If the accuracy is still near chance, try another learning rate (0.01 with Adam is a safe start) or another fusion; Reset trains again.`,
  diverged: (steps) =>
    `Training diverged after step ${steps}: the loss grew to three times its starting value, so the last good weights are shown. Choose a lower learning rate (0.01 with Adam is a safe start) and press Play.`,
};

const $ = (id) => document.getElementById(id);

let mmml;
let state;
let lab = null; // The FusionLab of the current setup, or null if the setup is invalid.
let playing = false;
let visible = true;
const trainer = new FrameTrainer(FRAME_BUDGET_MS, 500);
let comparing = null; // {kinds, rows, lab} while the comparison runs.
let lastMap = -Infinity;
let frameRequested = false;
let replay = null; // {steps, history, notes} while a reopened snapshot retrains.
// The student's CSV the model trains on when the source is "table", kept out of the URL:
// {name, text, columns, rows, columnsA, columnsB, target}; columns by index from 0.
let table = null;
// The CSV shown in the role editor: the same as `table`, or one whose last change was refused.
let pending = null;

const KEPT = "The previous data and model are kept.";

function showMessage(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}

/** The lab's settings for `setup` (the page's state by default), as the crate reads them. */
function settings(setup = state, fusion = setup.fusion) {
  const interaction =
    setup.interaction === "mixture"
      ? { kind: "mixture", additive: setup.wadd, unimodal: setup.wuni, synergy: setup.wsyn }
      : { kind: setup.interaction };
  const source =
    setup.source === "multivariate"
      ? { kind: "multivariate", dimension: setup.dimension }
      : { kind: setup.source };
  return {
    dataset: {
      source,
      interaction,
      samples: setup.samples,
      noise: setup.noise,
      testFraction: 1 / 3,
      seed: setup.dseed,
    },
    fusion,
    width: setup.width,
    rank: Math.min(setup.rank, setup.width + 1),
    training: {
      optimiser: setup.optimiser,
      learningRate: Number(setup.lr),
      batchSize: Number(setup.batch),
      maxSteps: setup.steps,
      evaluateEvery: EVALUATE_EVERY,
      seed: setup.seed,
    },
  };
}

/** A new FusionLab for `setup` with `fusion`, on the CSV `data` when the source is "table". Throws. */
function createLab(setup = state, fusion = setup.fusion, data = table) {
  if (setup.source !== "table") return new mmml.FusionLab(settings(setup, fusion));
  if (!data) throw new Error("no CSV is loaded: choose a file, paste one or load the example");
  return mmml.FusionLab.withTable(
    settings(setup, fusion),
    data.text,
    data.columnsA,
    data.columnsB,
    data.target,
  );
}

/** A fresh lab for the current setup; on bad settings, says why and keeps nothing running. */
function rebuild() {
  replay = null;
  lab?.free();
  lab = null;
  try {
    lab = createLab();
    showMessage("");
  } catch (error) {
    showMessage(`${error.message}. Change that setting to train again.`);
    setPlaying(false);
    for (const id of ["train-loss", "test-loss", "train-accuracy", "test-accuracy", "parameters"]) {
      $(id).textContent = "–";
    }
    $("status").textContent = "No model: the setup above is not valid.";
  }
  trainer.reset();
  lastMap = -Infinity;
  replaceUrl(schema, state, teacherOptions());
  redraw(true);
}

function setPlaying(on) {
  playing = on && lab !== null && !lab.status().stopped;
  showPlaying(playing);
  if (playing) {
    requestFrame();
  } else if (lab) {
    redraw(true); // The status drops "training…", and the map returns to full resolution.
    showEmap();
  }
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
  if (comparing) {
    compareFrame();
    requestFrame();
    return;
  }
  if (replay) {
    replayFrame();
    return;
  }
  if (!playing || !lab) return;
  trainer.train(lab);
  if (lab.status().stopped) {
    setPlaying(false); // Redraws everything, the map at full resolution.
    return;
  }
  redraw(performance.now() - lastMap > redrawInterval(MAP_INTERVAL_MS));
  requestFrame();
}

function percent(value) {
  return `${(100 * value).toFixed(1)} %`;
}

/** Status, numbers and curves every time; the map when `withMap`. */
function redraw(withMap) {
  if (!lab) return;
  const status = lab.status();
  const { latest } = status;
  $("train-loss").textContent = latest.trainLoss.toFixed(3);
  $("test-loss").textContent = latest.testLoss.toFixed(3);
  $("train-accuracy").textContent = percent(latest.trainAccuracy);
  $("test-accuracy").textContent = percent(latest.testAccuracy);
  setText($("parameters"), `${status.parameterCount.toLocaleString("en")} parameters`);
  if (status.stopped === "diverged") {
    $("status").textContent = `Stopped after step ${latest.step}: training diverged.`;
    showMessage(STOPS.diverged(latest.step));
  } else {
    $("status").textContent = status.stopped
      ? STOPS[status.stopped](status.steps)
      : `Step ${status.steps} of ${status.maxSteps}${playing ? ", training…" : ""}`;
  }
  const start = performance.now();
  drawCurves($("curves"), lab.history(), status.maxSteps);
  if (withMap) drawMaps(false);
  // Read by the benchmark (scripts/bench-fusion.sh): how long a redraw keeps the frame.
  performance.measure(withMap ? "fusion-redraw-with-map" : "fusion-redraw-curves", { start });
}

function drawMaps(withProjection) {
  const plane = lab.univariate;
  $("maps").hidden = !plane;
  $("no-map").hidden = plane;
  describeMap();
  if (!plane) return;
  lastMap = performance.now();
  const train = lab.points(false);
  const test = lab.points(true);
  const resolution = playing ? TRAINING_MAP_RESOLUTION : MAP_RESOLUTION;
  const start = performance.now();
  const map = lab.probabilityMap(resolution);
  performance.measure(`fusion-map-compute-${resolution}`, { start });
  const drawn = performance.now();
  drawPlane($("map"), map, resolution, train, test, lab.extent);
  performance.measure(`fusion-map-draw-${resolution}`, { start: drawn });
  if (withProjection) {
    drawPlane(
      $("emap-map"),
      lab.projectedProbabilityMap(MAP_RESOLUTION),
      MAP_RESOLUTION,
      train,
      test,
      lab.extent,
    );
  } else {
    clearPlane($("emap-map"));
  }
}

const NO_PLANE =
  "These modalities have more than one dimension each, so there is no plane to draw; the curves and the EMAP accuracies still tell what the model learns.";

/** The map's caption, or why there is no map, for the data of the lab. */
function describeMap() {
  const names = lab.classNames;
  if (state.source !== "table" || !table) {
    $("no-map").textContent = NO_PLANE;
    $("map-class").textContent = "1";
    $("map-axes").innerHTML = "x<sub>A</sub> across, x<sub>B</sub> up";
    $("map-legend").textContent = "Circles are class 0, crosses class 1";
    return;
  }
  const [a, b] = lab.dims;
  if (!lab.univariate) {
    const why =
      a === 1 && b === 1
        ? `it shows P(y) of the second of two classes, and this target has ${names.length}`
        : `it needs exactly one column per modality, and this assignment gives A ${a} and B ${b}`;
    $("no-map").textContent =
      `No map of the plane: ${why}. The curves and the EMAP accuracies still tell what the model learns.`;
    return;
  }
  const extent = lab.extent;
  $("map-class").textContent = names[1];
  $("map-axes").textContent =
    `${table.columns[table.columnsA[0]]} across, ${table.columns[table.columnsB[0]]} up, ` +
    `standardised, from −${extent} to ${extent}`;
  $("map-legend").textContent = `Circles are ${names[0]}, crosses ${names[1]}`;
}

/** Everything again, for a new layout or lecture mode; keeps a shown EMAP. */
function redrawAll() {
  if (!lab) return;
  redraw(true);
  if (!playing && $("emap-accuracy").textContent !== "–") showEmap();
}

/** EMAP of the model as it stands: both accuracies, and the projected map. */
function showEmap() {
  const report = lab.emap();
  $("emap-accuracy").textContent = percent(report.accuracy);
  $("emap-projected").textContent = percent(report.projectedAccuracy);
  $("emap-samples").textContent = String(report.samples);
  drawMaps(true);
}

function clearEmap() {
  $("emap-accuracy").textContent = "–";
  $("emap-projected").textContent = "–";
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
  showEmap();
  $("link-status").textContent = verdict;
}

// --- Comparison of every fusion --------------------------------------------

function startComparison() {
  setPlaying(false);
  $("comparison-body").replaceChildren();
  $("comparison-block").hidden = false;
  comparing = { kinds: [...FUSIONS], lab: null };
  $("compare").textContent = "Stop comparing";
  requestFrame();
}

function stopComparison() {
  comparing?.lab?.free();
  comparing = null;
  $("compare").textContent = "Train and compare all";
  redraw(false);
}

function compareFrame() {
  if (!comparing.lab) {
    const kind = comparing.kinds.shift();
    if (kind)
      $("status").textContent =
        `Comparing: training ${kind} fusion (${FUSIONS.indexOf(kind) + 1} of ${FUSIONS.length})…`;
    if (!kind) {
      stopComparison();
      return;
    }
    try {
      comparing.lab = createLab(state, kind);
      comparing.kind = kind;
    } catch (error) {
      addComparisonRow(kind, "–", "–", "–", error.message);
      return;
    }
  }
  trainer.train(comparing.lab);
  const status = comparing.lab.status();
  if (!status.stopped) return;
  const report = comparing.lab.emap();
  addComparisonRow(
    comparing.kind,
    status.parameterCount.toLocaleString("en"),
    percent(status.latest.testAccuracy),
    percent(report.projectedAccuracy),
    `${status.stopped} at ${status.steps}`,
  );
  comparing.lab.free();
  comparing.lab = null;
}

function addComparisonRow(...cells) {
  const row = document.createElement("tr");
  row.dataset.fusion = cells[0];
  for (const text of cells) {
    const cell = document.createElement("td");
    cell.textContent = text;
    row.appendChild(cell);
  }
  $("comparison-body").appendChild(row);
}

// --- Controls ---------------------------------------------------------------

const RANGES = [
  ["dimension", "dimension", (v) => String(v)],
  ["w-additive", "wadd", (v) => v.toFixed(2)],
  ["w-unimodal", "wuni", (v) => v.toFixed(2)],
  ["w-synergy", "wsyn", (v) => v.toFixed(2)],
  ["samples", "samples", (v) => String(v)],
  ["noise", "noise", (v) => v.toFixed(2)],
  ["width", "width", (v) => String(v)],
  ["rank", "rank", (v) => String(v)],
];
const SELECTS = [
  ["source", "source"],
  ["interaction", "interaction"],
  ["fusion", "fusion"],
  ["optimiser", "optimiser"],
  ["learning-rate", "lr"],
  ["batch-size", "batch"],
];
const NUMBERS = [
  ["data-seed", "dseed"],
  ["max-steps", "steps"],
  ["seed", "seed"],
];

function syncControls() {
  for (const [id, name, format] of RANGES) {
    $(id).value = state[name];
    $(`${id}-value`).textContent = format(Number(state[name]));
  }
  for (const [id, name] of [...SELECTS, ...NUMBERS]) $(id).value = state[name];
  $("rank").max = String(state.width + 1);
  $("rank").value = Math.min(state.rank, state.width + 1);
  $("rank-value").textContent = $("rank").value;
  $("lecture").checked = state.lecture;
  document.body.classList.toggle("lecture", state.lecture);

  const synthetic = state.source === "univariate" || state.source === "multivariate";
  $("table-rows").hidden = state.source !== "table";
  $("dimension-row").hidden = state.source !== "multivariate";
  $("interaction-row").hidden = !synthetic;
  $("mixture-rows").hidden = !synthetic || state.interaction !== "mixture";
  $("samples-row").hidden = !synthetic;
  $("noise-row").hidden = !synthetic;
  $("rank-row").hidden = state.fusion !== "low-rank";
  $("formula").innerHTML = FORMULAS[state.fusion];
}

/** Any change of data, model or training starts again from step 0. */
function changed() {
  replay = null;
  stopComparison();
  $("comparison-body").replaceChildren();
  $("comparison-block").hidden = true;
  // With the training controls hidden by the teacher, every change trains at once.
  const wasPlaying = playing || $("group-training").hidden;
  clearEmap();
  syncControls();
  rebuild();
  if (wasPlaying) setPlaying(true);
}

function bindControls() {
  for (const [id, name, format] of RANGES) {
    $(id).addEventListener("input", () => {
      state[name] = Number($(id).value);
      $(`${id}-value`).textContent = format(state[name]);
      changed();
    });
  }
  for (const [id, name] of SELECTS) {
    $(id).addEventListener("change", () => {
      if (id === "source" && $(id).value === "table" && !table) {
        // Nothing of the student's yet: start from the bundled example, which they can replace.
        offerTable("the example", mmml.fusionExampleTable());
        $(id).value = state.source; // Only offerTable's success switches the source.
        return;
      }
      state[name] = $(id).value;
      changed();
    });
  }
  for (const [id, name] of NUMBERS) {
    $(id).addEventListener("change", () => {
      const type = schema[name];
      const value = parseValue(mmml, type, $(id).value);
      if (value === undefined) {
        showMessage(
          `${quoteTyped($(id))} is not valid for ${$(id).labels[0].textContent.toLowerCase()}: give a whole number from ${$(id).min} to ${$(id).max}. The previous value is kept.`,
        );
        $(id).value = state[name];
        return;
      }
      state[name] = value;
      changed();
    });
  }
  $("lecture").addEventListener("change", () => {
    state.lecture = $("lecture").checked;
    document.body.classList.toggle("lecture", state.lecture);
    replaceUrl(schema, state, teacherOptions());
    redrawAll();
  });

  $("play").addEventListener("click", () => {
    stopComparison();
    if (!playing) clearEmap();
    setPlaying(!playing);
  });
  $("step").addEventListener("click", () => {
    if (!lab) return;
    stopComparison();
    setPlaying(false);
    lab.train(EVALUATE_EVERY);
    redraw(true);
    showEmap();
  });
  $("reset").addEventListener("click", () => {
    stopComparison();
    setPlaying(false);
    clearEmap();
    rebuild();
  });
  $("compare").addEventListener("click", () => (comparing ? stopComparison() : startComparison()));
  bindSharing({
    schema,
    setup: () => state,
    demo: "fusion",
    title: "Fusion lab",
    height: 1500,
    caveat: () =>
      state.source === "table"
        ? "This link reproduces the settings but not your CSV data, which never leaves this browser: whoever opens it gets the default data. To share the data too, send the CSV file with the link (they load it under Data), or send a snapshot (Snapshot as JSON), which holds the table."
        : "",
  });
  onLayoutChange(redrawAll);
  bindTable();
  bindExports();
  onVisibilityChange((now) => {
    visible = now;
    if (visible) requestFrame();
  });
}

// --- Your data (CSV) ----------------------------------------------------------

const ROLES = [
  ["a", "modality A"],
  ["b", "modality B"],
  ["target", "target"],
  ["ignored", "ignored"],
];

function showTableMessage(text) {
  $("csv-message").textContent = text;
  $("csv-message").hidden = !text;
}

/** Reads the columns of a new CSV `text`, guesses their roles, and tries it. */
function offerTable(name, text) {
  let read;
  try {
    read = mmml.tableColumns(text);
  } catch (error) {
    showTableMessage(`${error.message}. ${KEPT}`);
    return;
  }
  const { modalityA, modalityB, target } = read.suggested;
  tryTable({
    name,
    text,
    columns: read.columns,
    rows: read.rows,
    columnsA: modalityA,
    columnsB: modalityB,
    target,
  });
}

/**
 * Trains on `candidate` (a CSV with its roles) if the lab accepts it; otherwise shows why beside the
 * CSV controls and keeps the data and model of before. The role editor shows `candidate` either way.
 */
function tryTable(candidate) {
  pending = candidate;
  renderRoles();
  try {
    createLab({ ...state, source: "table" }, state.fusion, candidate).free();
  } catch (error) {
    showTableMessage(`${error.message}. ${KEPT}`);
    return false;
  }
  showTableMessage("");
  table = candidate;
  state.source = "table";
  changed();
  summariseTable();
  return true;
}

/** One row per column of the pending CSV, each with a select of its role. */
function renderRoles() {
  const body = $("csv-roles-body");
  body.replaceChildren();
  $("csv-roles").hidden = !pending;
  // The note on the bundled example stays out of the way of a student's own file.
  $("csv-example-note").hidden = Boolean(pending) && pending.name !== "the example";
  if (!pending) return;
  $("csv-name").textContent = pending.name;
  pending.columns.forEach((name, index) => {
    const row = document.createElement("tr");
    const label = document.createElement("td");
    label.textContent = name;
    const cell = document.createElement("td");
    const select = document.createElement("select");
    select.id = `csv-role-${index}`;
    select.setAttribute("aria-label", `role of column ${name}`);
    for (const [value, text] of ROLES) select.append(new Option(text, value));
    select.value = roleOf(pending, index);
    select.addEventListener("change", () => assignRole(index, select.value));
    cell.append(select);
    row.append(label, cell);
    body.append(row);
  });
}

function roleOf(data, index) {
  if (data.target === index) return "target";
  if (data.columnsA.includes(index)) return "a";
  if (data.columnsB.includes(index)) return "b";
  return "ignored";
}

/** Gives column `index` the role `role`; a new target sends the old one to "ignored". */
function assignRole(index, role) {
  const without = (columns) => columns.filter((column) => column !== index);
  const next = { ...pending, columnsA: without(pending.columnsA), columnsB: without(pending.columnsB) };
  if (role === "a") next.columnsA = [...next.columnsA, index].sort((p, q) => p - q);
  if (role === "b") next.columnsB = [...next.columnsB, index].sort((p, q) => p - q);
  if (role === "target") next.target = index;
  else if (next.target === index) next.target = -1;
  if (next.target === -1) {
    pending = next;
    renderRoles();
    showTableMessage(`The table needs a target: give one column the role "target". ${KEPT}`);
    return;
  }
  tryTable(next);
}

/** What the model trains on, in one line under the role editor. */
function summariseTable() {
  if (!table || !lab) {
    $("csv-summary").textContent = "";
    return;
  }
  const names = (columns) => columns.map((index) => table.columns[index]).join(", ");
  const classes = lab.classNames.map((name, index) => `${index} = ${name}`).join(", ");
  $("csv-summary").textContent =
    `Training on ${table.name}: ${table.rows} rows; A: ${names(table.columnsA)}; B: ${names(table.columnsB)}; ` +
    `target ${table.columns[table.target]}, classes ${classes}.`;
}

function bindTable() {
  $("csv-file").addEventListener("change", async () => {
    const file = $("csv-file").files?.[0];
    const text = await readChosenFile($("csv-file"));
    if (text === null) return;
    $("csv-text").value = text.length <= 200000 ? text : "";
    offerTable(file?.name ?? "your file", text);
  });
  $("csv-use").addEventListener("click", () => offerTable("the pasted text", $("csv-text").value));
  $("csv-example").addEventListener("click", () => {
    const text = mmml.fusionExampleTable();
    $("csv-text").value = text;
    offerTable("the example", text);
  });
}

/** The table of a reopened snapshot, checked for shape, or null. The lab checks the rest. */
function savedTable(saved) {
  const columns = (list) => Array.isArray(list) && list.every(Number.isInteger);
  if (
    typeof saved?.text !== "string" ||
    !columns(saved.columnsA) ||
    !columns(saved.columnsB) ||
    !Number.isInteger(saved.target)
  ) {
    return null;
  }
  const read = mmml.tableColumns(saved.text);
  return {
    name: typeof saved.name === "string" ? saved.name : "the snapshot's table",
    text: saved.text,
    columns: read.columns,
    rows: read.rows,
    columnsA: saved.columnsA,
    columnsB: saved.columnsB,
    target: saved.target,
  };
}

const NO_TABLE_IN_LINK =
  "This setup was made on a student's own CSV data, which a link cannot carry, so the default data is shown. To train on that data, load the CSV under Data (Your data), or reopen a snapshot (JSON), which holds the table.";

/** A read state asking for a CSV that is not there falls back to the default data, with a notice. */
function withoutMissingTable(read, data) {
  if (read.state.source === "table" && !data) {
    read.state.source = schema.source.fallback;
    read.notices.push(NO_TABLE_IN_LINK);
  }
  return read;
}

// --- Exports ------------------------------------------------------------------

function setupFields() {
  return Object.fromEntries(Object.entries(schema).map(([name, type]) => [name, type.format(state[name])]));
}

function historyRows() {
  const columns = ["step", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy"];
  return [columns, ...lab.history().map((point) => columns.map((name) => point[name]))];
}

function bindExports() {
  $("export-png").addEventListener("click", () => downloadCanvas($("map"), `fusion-${state.fusion}-map.png`));
  $("export-csv").addEventListener(
    "click",
    () => lab && downloadCsv(historyRows(), `fusion-${state.fusion}-curves.csv`),
  );
  $("export-json").addEventListener("click", () => {
    if (!lab) return;
    const status = lab.status();
    downloadJson(
      {
        format: "mmml-fusion",
        version: 1,
        setup: setupFields(),
        table:
          state.source === "table"
            ? {
                name: table.name,
                text: table.text,
                columnsA: table.columnsA,
                columnsB: table.columnsB,
                target: table.target,
              }
            : undefined,
        steps: status.steps,
        history: lab.history(),
        emap: lab.emap(),
      },
      `fusion-${state.fusion}-snapshot.json`,
    );
  });
  $("import-json").addEventListener("change", async () => {
    const text = await readChosenFile($("import-json"));
    if (text === null) return;
    try {
      const saved = parseSnapshot(text);
      if (saved?.format !== "mmml-fusion" || !Number.isInteger(saved.steps) || saved.steps < 0) {
        throw new Error(
          "this file was not saved by the fusion lab (no format mmml-fusion with a step count)",
        );
      }
      const read = readSavedSetup(mmml, schema, saved.setup);
      const data = read.state.source === "table" ? savedTable(saved.table) : null;
      withoutMissingTable(read, data);
      // Refuses a bad setup before anything changes.
      createLab(read.state, read.state.fusion, data).free();
      setPlaying(false);
      stopComparison();
      if (data) {
        table = data;
        pending = data;
        renderRoles();
        showTableMessage("");
      }
      state = { ...read.state, play: false };
      syncControls();
      rebuild();
      summariseTable();
      $("link-status").textContent = "";
      replay = { steps: saved.steps, history: saved.history, notes: read.notices };
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
  const read = withoutMissingTable(readState(mmml, schema), null);
  state = read.state;
  if (state.rank > state.width + 1) {
    read.notices.push(
      `"rank=${state.rank}" is above the full rank of ${state.width + 1} for ${state.width} hidden units, so rank ${state.width + 1} is used.`,
    );
    state.rank = state.width + 1;
  }
  syncControls();
  bindControls();
  rebuild();
  const notices = [...read.notices, ...teacherNotices];
  if (notices.length) showMessage(notices.join(" "));
  if (state.play) setPlaying(true);
  else if (lab) showEmap();
  $("loading").hidden = true;
  document.body.dataset.ready = "true";
}

main().catch((error) => showMessage(`The demo could not start: ${error.message}`));

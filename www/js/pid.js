// The PID calculator page: an editable table p(x1, x2, y), presets, noise and
// blending sliders, and the decomposition recomputed by the crate on every change.

import * as crate from "../pkg/pid/mmml.js";
import { loadCrate } from "./wasm.js";
import { fitCanvas, onLayoutChange } from "./canvas.js";
import { quoteTyped } from "./dom.js";
import { field, parseValue, readSavedSetup, readState, replaceUrl } from "./state.js";
import {
  download,
  downloadCanvas,
  downloadCsv,
  downloadJson,
  parseSnapshot,
  readChosenFile,
} from "./export.js";
import { applyTeacherOptions, teacherOptions } from "./teacher.js";
import { bindSharing } from "./share.js";

const PRESETS = ["xor", "and", "or", "rdn", "unq", "copy", "sum"];
const MEASURES = { broja: "BROJA", imin: "I_min", mmi: "MMI" };
const ATOMS = ["R", "U1", "U2", "S"];
const IDENTITY_TOLERANCE = 1e-6;

const schema = {
  preset: field.choice([...PRESETS, "random", "custom"], "xor"),
  seed: field.integer(0, 4294967295, 7),
  n1: field.integer(2, 8, 3),
  n2: field.integer(2, 8, 3),
  ny: field.integer(2, 8, 3),
  cells: field.text(20000, ""),
  noise: field.number(0, 1, 0),
  toward: field.choice(PRESETS, "rdn"),
  blend: field.number(0, 1, 0),
  measure: field.choice(Object.keys(MEASURES), "broja"),
  compare: field.flag(false),
  lecture: field.flag(false),
};

/** How many equal-count bins a numeric CSV column may be cut into (not part of the link). */
const BINS = field.integer(2, 8, 4);

const $ = (id) => document.getElementById(id);

let mmml;
let state;
let cells = []; // The editor's text, exactly as typed: cells[x1][x2][y].

/** Numbers from the editor's text; anything unreadable becomes NaN. */
function parsedCells() {
  return cells.map((row) =>
    row.map((column) => column.map((text) => (text.trim() === "" ? NaN : Number(text)))),
  );
}

function shapeOf(table) {
  return [table.length, table[0].length, table[0][0].length];
}

function formatCell(value) {
  return typeof value === "string" ? value : String(Number(value.toPrecision(10)));
}

/** A cell's text as the editor shows it: long numbers to four significant
 *  digits. The full value stays in `cells` until the student edits the cell. */
function shown(text) {
  const value = Number(text);
  return text.length > 7 && text.trim() !== "" && Number.isFinite(value)
    ? String(Number(value.toPrecision(4)))
    : text;
}

function loadTable(table) {
  cells = table.map((row) => row.map((column) => column.map(formatCell)));
  [state.n1, state.n2, state.ny] = shapeOf(table);
  buildEditor();
}

function presetOrRandom() {
  if (state.preset === "random") {
    return mmml.randomTable(state.n1, state.n2, state.ny, BigInt(state.seed));
  }
  return mmml.presetTable(state.preset);
}

/** Builds one small grid of text inputs per value of y. */
function buildEditor() {
  const editor = $("editor");
  editor.replaceChildren();
  const [n1, n2, ny] = shapeOf(cells);
  for (let y = 0; y < ny; y++) {
    const table = document.createElement("table");
    const caption = table.createCaption();
    caption.textContent = `y = ${y}`;
    const head = table.createTHead().insertRow();
    head.appendChild(document.createElement("th"));
    for (let x2 = 0; x2 < n2; x2++) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = `x2=${x2}`;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (let x1 = 0; x1 < n1; x1++) {
      const row = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = `x1=${x1}`;
      row.appendChild(th);
      for (let x2 = 0; x2 < n2; x2++) {
        const input = document.createElement("input");
        input.type = "text";
        input.inputMode = "decimal";
        input.value = shown(cells[x1][x2][y]);
        if (input.value !== cells[x1][x2][y]) input.title = cells[x1][x2][y];
        input.setAttribute("aria-label", `p(x1=${x1}, x2=${x2}, y=${y})`);
        input.dataset.cell = `${x1},${x2},${y}`;
        input.addEventListener("input", () => {
          cells[x1][x2][y] = input.value;
          markCustom();
          schedule();
        });
        row.insertCell().appendChild(input);
      }
    }
    editor.appendChild(table);
  }
}

function markCustom() {
  if (state.preset !== "custom") {
    state.preset = "custom";
    ensureCustomOption();
    $("preset").value = "custom";
    showRandomRows();
  }
}

/** The seed and the sizes make a random table, so they show only for one. */
function showRandomRows() {
  $("random-row").hidden = state.preset !== "random";
  $("size-row").hidden = state.preset !== "random";
}

function ensureCustomOption() {
  if (!$("preset").querySelector('option[value="custom"]')) {
    $("preset").add(new Option("Custom (edited)", "custom"));
  }
}

/** Pads a table with zero cells to `shape`. */
function padded(table, [n1, n2, ny]) {
  return Array.from({ length: n1 }, (_, a) =>
    Array.from({ length: n2 }, (_, b) => Array.from({ length: ny }, (_, y) => table[a]?.[b]?.[y] ?? 0)),
  );
}

/** (1 - noise) ((1 - blend) p + blend target) + noise uniform. */
function effectiveTable(base) {
  const target = mmml.presetTable(state.toward);
  const shape = shapeOf(base).map((n, axis) => Math.max(n, shapeOf(target)[axis]));
  const from = padded(base, shape);
  const to = padded(target, shape);
  const uniform = 1 / (shape[0] * shape[1] * shape[2]);
  return from.map((row, a) =>
    row.map((column, b) =>
      column.map((p, y) => {
        const blended = (1 - state.blend) * p + state.blend * to[a][b][y];
        return (1 - state.noise) * blended + state.noise * uniform;
      }),
    ),
  );
}

function showMessage(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}

function bits(value) {
  return Math.abs(value) < 5e-4 ? "0.000" : value.toFixed(3).replace("-", "−");
}

function renderNumbers(results) {
  const head = $("atoms-head");
  const body = $("atoms-body");
  head.replaceChildren();
  body.replaceChildren();
  const headRow = head.insertRow();
  for (const label of ["term", ...results.map((r) => MEASURES[r.measure])]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    headRow.appendChild(th);
  }
  const names = { R: "R, redundancy", U1: "U1, unique to X1", U2: "U2, unique to X2", S: "S, synergy" };
  for (const atom of ATOMS) {
    const row = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = names[atom];
    row.appendChild(th);
    for (const result of results) {
      const cell = row.insertCell();
      cell.textContent = bits(result[atom]);
      cell.dataset.atom = atom;
      cell.dataset.measure = result.measure;
    }
  }
}

function renderIdentities(result) {
  const list = $("identities");
  list.replaceChildren();
  $("identities-measure").textContent = `Checked for ${MEASURES[result.measure]}:`;
  const checks = [
    ["R + U1", result.R + result.U1, "I(X1;Y)", result.I_X1_Y],
    ["R + U2", result.R + result.U2, "I(X2;Y)", result.I_X2_Y],
    ["R + U1 + U2 + S", result.R + result.U1 + result.U2 + result.S, "I(X1,X2;Y)", result.I_X1X2_Y],
  ];
  for (const [left, sum, right, value] of checks) {
    const item = document.createElement("li");
    const holds = Math.abs(sum - value) <= IDENTITY_TOLERANCE;
    item.className = holds ? "holds" : "fails";
    item.textContent = `${left} = ${bits(sum)}  ${holds ? "=" : "≠"}  ${right} = ${bits(value)} bits`;
    list.appendChild(item);
  }
}

function renderInformation(terms) {
  const co = terms.coinformation;
  const leaning =
    co > 1e-9 ? "redundancy outweighs synergy" : co < -1e-9 ? "synergy outweighs redundancy" : "they balance";
  $("coinformation").textContent =
    `I(X1;Y) = ${bits(terms.I_X1_Y)}, I(X2;Y) = ${bits(terms.I_X2_Y)}, I(X1,X2;Y) = ${bits(terms.I_X1X2_Y)} bits. ` +
    `Co-information I(X1;X2;Y) = R − S = ${bits(co)} bits: ${leaning}.`;
}

let latest = { results: [], table: null, coupling: null };

function draw() {
  if (!mmml) return;
  const atoms = $("atoms-chart");
  mmml.drawAtoms(atoms.id, latest.results, fitCanvas(atoms));
  atoms.setAttribute(
    "aria-label",
    "bar chart of " +
      latest.results
        .map((r) => `${MEASURES[r.measure]}: ` + ATOMS.map((a) => `${a} ${bits(r[a])}`).join(", "))
        .join("; "),
  );
  $("p-block").hidden = !latest.table;
  if (latest.table) {
    const p = $("p-chart");
    mmml.drawTable(p.id, latest.table, fitCanvas(p));
    $("p-scale").textContent = colourScale(latest.table);
  }
  $("coupling-block").hidden = !latest.coupling;
  if (latest.coupling) {
    const q = $("q-chart");
    mmml.drawTable(q.id, latest.coupling, fitCanvas(q));
    $("q-scale").textContent = colourScale(latest.coupling);
  }
}

function colourScale(table) {
  const highest = Math.max(...table.flat(2));
  return `Colour runs from dark purple (0) to yellow (${formatCell(Number(highest.toPrecision(3)))}), the largest cell.`;
}

/** Takes every result off the page, so nothing stale stays beside an error. */
function clearResults() {
  latest = { results: [], table: null, coupling: null };
  renderNumbers([]);
  $("identities").replaceChildren();
  $("identities-measure").textContent = "";
  $("coinformation").textContent = "No results until the table is fixed.";
  draw();
}

function syncControls() {
  $("preset").value = state.preset;
  $("seed").value = state.seed;
  for (const axis of ["n1", "n2", "ny"]) $(axis).value = state[axis];
  showRandomRows();
  $("noise").value = state.noise;
  $("noise-value").value = state.noise.toFixed(2);
  $("blend").value = state.blend;
  $("blend-value").value = state.blend.toFixed(2);
  $("blend-target").value = state.toward;
  $("measure").value = state.measure;
  $("compare").checked = state.compare;
  $("lecture").checked = state.lecture;
  document.body.classList.toggle("lecture", state.lecture);
}

function update() {
  const base = parsedCells();
  const sum = base.flat(2).reduce((total, value) => total + value, 0);
  $("table-sum").textContent = Number.isFinite(sum) ? `cells sum to ${Number(sum.toFixed(6))}` : "";
  for (const input of $("editor").querySelectorAll("input")) {
    const text = input.value.trim();
    const value = Number(text);
    input.setAttribute("aria-invalid", String(text === "" || !Number.isFinite(value) || value < 0));
  }

  state.cells =
    state.preset === "custom"
      ? cells
          .flat(2)
          .map((text) => text.trim().replaceAll(";", ""))
          .join(";")
      : "";
  replaceUrl(schema, state, teacherOptions());

  let table;
  try {
    mmml.informationTerms(base); // Validates the table as typed.
    table = effectiveTable(base);
  } catch (error) {
    showMessage(explain(error.message));
    clearResults();
    return;
  }

  const measures = state.compare ? Object.keys(MEASURES) : [state.measure];
  const results = [];
  const failures = [];
  for (const measure of measures) {
    try {
      results.push(mmml.decompose(table, measure));
    } catch (error) {
      failures.push(error.message);
    }
  }
  showMessage(failures.join(" "));

  const terms = mmml.informationTerms(table);
  renderInformation(terms);
  renderNumbers(results);
  if (results.length) renderIdentities(results[0]);
  latest = { results, table, coupling: results.find((r) => r.q)?.q ?? null };
  draw();
}

function explain(message) {
  if (message.includes("not 1")) return `${message}. Press "Normalise" to do it.`;
  if (message.includes("negative") || message.includes("finite")) {
    return `${message}. Fix the highlighted cell; the other cells are kept as you typed them.`;
  }
  return `${message}.`;
}

let pending = false;
function schedule() {
  if (!pending) {
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      update();
    });
  }
}

function bindControls() {
  $("preset").addEventListener("change", () => {
    state.preset = $("preset").value;
    if (state.preset !== "custom") {
      loadTable(presetOrRandom());
    }
    syncControls();
    schedule();
  });
  for (const id of ["seed", "n1", "n2", "ny"]) {
    $(id).addEventListener("change", () => {
      const type = schema[id];
      const value = parseValue(mmml, type, $(id).value);
      if (value === undefined) {
        showMessage(
          `${id === "seed" ? "The seed" : "Each size"} must be a whole number from ${type.min} to ${type.max}; kept ${state[id]}.`,
        );
        $(id).value = state[id];
        return;
      }
      state[id] = value;
      loadTable(presetOrRandom());
      schedule();
    });
  }
  for (const [id, key] of [
    ["noise", "noise"],
    ["blend", "blend"],
  ]) {
    $(id).addEventListener("input", () => {
      state[key] = Number($(id).value);
      $(`${id}-value`).value = state[key].toFixed(2);
      schedule();
    });
  }
  $("blend-target").addEventListener("change", () => {
    state.toward = $("blend-target").value;
    schedule();
  });
  $("measure").addEventListener("change", () => {
    state.measure = $("measure").value;
    schedule();
  });
  $("compare").addEventListener("change", () => {
    state.compare = $("compare").checked;
    schedule();
  });
  $("lecture").addEventListener("change", () => {
    state.lecture = $("lecture").checked;
    document.body.classList.toggle("lecture", state.lecture);
    schedule();
  });
  $("normalise").addEventListener("click", () => {
    try {
      loadTable(mmml.normalise(parsedCells()));
      markCustom();
      schedule();
    } catch (error) {
      showMessage(explain(error.message));
    }
  });
  bindSharing({ schema, setup: () => state, demo: "pid", title: "PID calculator", height: 1300 });
  onLayoutChange(draw);
  bindData();
  bindExports();
}

/** Bring your own data: a CSV whose columns become X1, X2 and Y. */
function bindData() {
  let text = null;
  const selects = ["csv-x1", "csv-x2", "csv-y"].map($);

  async function readColumns() {
    text = await readChosenFile($("csv-file"));
    if (text === null) return;
    try {
      const columns = mmml.csvColumns(text, $("csv-header").checked);
      selects.forEach((select, index) => {
        select.replaceChildren(...columns.map((name) => new Option(name, name)));
        select.selectedIndex = Math.min(index, columns.length - 1);
      });
      $("csv-columns").hidden = false;
      $("csv-load").disabled = false;
      showMessage("");
    } catch (error) {
      $("csv-load").disabled = true;
      showMessage(`${error.message}. The table above is unchanged.`);
    }
  }

  $("csv-file").addEventListener("change", readColumns);
  $("csv-header").addEventListener("change", readColumns);
  $("csv-load").addEventListener("click", () => {
    const bins = parseValue(mmml, BINS, $("csv-bins").value);
    if (bins === undefined) {
      showMessage(
        `${quoteTyped($("csv-bins"))} is not a number of bins: give a whole number from ${BINS.min} to ${BINS.max}. The table above is unchanged.`,
      );
      return;
    }
    try {
      const [x1, x2, y] = selects.map((select) => select.value);
      const empirical = mmml.tableFromCsv(text, $("csv-header").checked, x1, x2, y, bins);
      loadTable(empirical.table);
      markCustom();
      const names = ["X1", "X2", "Y"];
      $("csv-labels").textContent =
        `${empirical.samples} samples. ` +
        empirical.labels
          .map((labels, v) => `${names[v]}: ` + labels.map((label, i) => `${i} = ${label}`).join(", "))
          .join("; ");
      schedule();
    } catch (error) {
      showMessage(`${error.message}. The table above is unchanged.`);
    }
  });
}

function resultRows() {
  const columns = ["measure", ...ATOMS, "I_X1_Y", "I_X2_Y", "I_X1X2_Y", "coinformation"];
  return [columns, ...latest.results.map((result) => columns.map((name) => result[name]))];
}

/** Exports, the embedding snippets, and reopening a saved JSON. */
function bindExports() {
  $("export-png").addEventListener("click", () => downloadCanvas($("atoms-chart"), "pid-decomposition.png"));
  $("export-csv").addEventListener("click", () => downloadCsv(resultRows(), "pid-results.csv"));
  $("export-json").addEventListener("click", () =>
    downloadJson(
      {
        format: "mmml-pid",
        version: 1,
        setup: Object.fromEntries(
          Object.entries(schema).map(([name, type]) => [name, type.format(state[name])]),
        ),
        table: parsedCells(),
        effectiveTable: latest.table,
        results: latest.results.map(({ q, ...numbers }) => ({ ...numbers, q })),
      },
      "pid-setup.json",
    ),
  );

  $("import-json").addEventListener("change", async () => {
    const text = await readChosenFile($("import-json"));
    if (text === null) return;
    try {
      const saved = parseSnapshot(text);
      if (saved?.format !== "mmml-pid" || !Array.isArray(saved.table)) {
        throw new Error("this file was not saved by the PID calculator (no format mmml-pid)");
      }
      mmml.informationTerms(mmml.normalise(saved.table)); // Refuses a malformed table before anything changes.
      const shape = shapeOf(saved.table);
      if (shape.some((size) => size < schema.n1.min || size > schema.n1.max)) {
        throw new Error(
          `its table is ${shape.join("×")}, and each variable needs ${schema.n1.min} to ${schema.n1.max} values`,
        );
      }
      const read = readSavedSetup(mmml, schema, saved.setup);
      state = { ...read.state, preset: "custom" };
      ensureCustomOption();
      loadTable(saved.table);
      syncControls();
      update(); // Now, not on the next frame, so that the notices below stay shown.
      if (read.notices.length) showMessage([$("message").textContent, ...read.notices].join(" ").trim());
    } catch (error) {
      showMessage(`The file cannot be reopened: ${error.message}. Nothing was changed.`);
    }
  });
}

/** The starting table: the URL's cells if they fit its shape, else the preset. */
function initialTable(notices) {
  if (state.preset === "custom") {
    const texts = state.cells.split(";");
    const size = state.n1 * state.n2 * state.ny;
    if (texts.length === size) {
      let index = 0;
      return Array.from({ length: state.n1 }, () =>
        Array.from({ length: state.n2 }, () => Array.from({ length: state.ny }, () => texts[index++])),
      );
    }
    notices.push(
      `The link's table has ${texts.length} ${texts.length === 1 ? "cell" : "cells"} (separated by ";") where its shape ${state.n1}×${state.n2}×${state.ny} needs ${size}, so the XOR preset is shown instead.`,
    );
    state.preset = "xor";
  }
  return presetOrRandom();
}

async function main() {
  mmml = await loadCrate(crate);
  const teacherNotices = applyTeacherOptions();
  const read = readState(mmml, schema);
  read.notices.push(...teacherNotices);
  state = read.state;
  if (state.preset === "custom") ensureCustomOption();
  loadTable(initialTable(read.notices));
  syncControls();
  bindControls();
  update();
  if (read.notices.length) showMessage(read.notices.join(" "));
  $("loading").hidden = true;
  document.body.dataset.ready = "true";
}

main().catch((error) => showMessage(`The demo could not start: ${error.message}`));

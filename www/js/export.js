// Saving what the student sees: plots as PNG, results as CSV or JSON, all
// made in the page and handed to the browser as a download.

/** Offers `blob` as a download called `filename`. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads a canvas as a PNG at its full device resolution. */
export function downloadCanvas(canvas, filename) {
  canvas.toBlob((blob) => download(blob, filename), "image/png");
}

/** Downloads rows (arrays of cells) as CSV, quoting where needed. */
export function downloadCsv(rows, filename) {
  const quote = (cell) => {
    const text = String(cell);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const text = rows.map((row) => row.map(quote).join(",")).join("\n") + "\n";
  download(new Blob([text], { type: "text/csv" }), filename);
}

/** Downloads a value as indented JSON. */
export function downloadJson(value, filename) {
  download(new Blob([JSON.stringify(value, null, 1)], { type: "application/json" }), filename);
}

/** Reads the file chosen in a file input as text. */
export function readChosenFile(input) {
  const file = input.files?.[0];
  return file ? file.text() : Promise.resolve(null);
}

/** The snapshot in `text`, or an error that says the file is not one. */
export function parseSnapshot(text) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('it is not a JSON snapshot (save one with "Snapshot as JSON")');
  }
}

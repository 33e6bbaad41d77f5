// A square matrix as a heatmap: one cell per entry, drawn with ImageData so a
// redraw is one putImageData and one scaled drawImage. The scale runs from
// the matrix's smallest to its largest entry on a colour-blind-safe
// sequential ramp (dark to light), so the brightest cells are the most
// similar pairs.

import { fitCanvas } from "./canvas.js";

// Stops of a perceptually even ramp, dark purple through teal to yellow.
const RAMP = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of t in [0, 1], as [r, g, b]. */
export function rampColour(t) {
  const scaled = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const low = Math.min(RAMP.length - 2, Math.floor(scaled));
  const fraction = scaled - low;
  return RAMP[low].map((value, channel) => Math.round(value + (RAMP[low + 1][channel] - value) * fraction));
}

const scratch = document.createElement("canvas");

/** Draws the `size` x `size` row-major `matrix` filling `canvas`; returns its range. */
export function drawHeatmap(canvas, matrix, size) {
  fitCanvas(canvas);
  const context = canvas.getContext("2d");
  let low = Infinity;
  let high = -Infinity;
  for (const value of matrix) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const span = high > low ? high - low : 1;

  scratch.width = size;
  scratch.height = size;
  const image = new ImageData(size, size);
  for (let k = 0; k < matrix.length; k++) {
    const [r, g, b] = rampColour((matrix[k] - low) / span);
    image.data.set([r, g, b, 255], 4 * k);
  }
  scratch.getContext("2d").putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(scratch, 0, 0, canvas.width, canvas.height);
  return { low, high };
}

/** Mean of the diagonal and of the other entries of a square matrix. */
export function diagonalContrast(matrix, size) {
  let diagonal = 0;
  let rest = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j) diagonal += matrix[i * size + j];
      else rest += matrix[i * size + j];
    }
  }
  return { diagonal: diagonal / size, offDiagonal: rest / (size * (size - 1)) };
}

// The map of a two-class model over the (x_A, x_B) plane: a probability image
// with the samples on top. Drawn with ImageData, so a redraw costs one
// putImageData, one scaled drawImage and a path per class.

import { fitCanvas } from "./canvas.js";

// A colour-blind-safe diverging scale, blue (P = 0) to white to orange (P = 1).
const LOW = [33, 102, 172];
const MIDDLE = [247, 247, 247];
const HIGH = [230, 97, 1];

function mix(from, to, t) {
  return from.map((value, channel) => Math.round(value + (to[channel] - value) * t));
}

/** The colour of probability p, as [r, g, b]. */
export function probabilityColour(p) {
  const clamped = Math.min(1, Math.max(0, p));
  return clamped < 0.5 ? mix(LOW, MIDDLE, clamped * 2) : mix(MIDDLE, HIGH, (clamped - 0.5) * 2);
}

const scratch = document.createElement("canvas");

/**
 * Draws `map` (resolution² probabilities, top row first) filling `canvas`,
 * then the points: circles for class 0, crosses for class 1, test points
 * ringed. `train` and `test` are flat [a, b, y, ...] arrays; the plane is
 * [-extent, extent]², as the map was computed.
 */
export function drawPlane(canvas, map, resolution, train, test, extent = 1) {
  const theme = fitCanvas(canvas);
  const context = canvas.getContext("2d");
  const { width, height } = canvas;

  if (scratch.width !== resolution) {
    scratch.width = resolution;
    scratch.height = resolution;
  }
  const image = new ImageData(resolution, resolution);
  for (let k = 0; k < map.length; k++) {
    const [r, g, b] = probabilityColour(map[k]);
    image.data[4 * k] = r;
    image.data[4 * k + 1] = g;
    image.data[4 * k + 2] = b;
    image.data[4 * k + 3] = 255;
  }
  scratch.getContext("2d").putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(scratch, 0, 0, width, height);

  const unit = theme.scale * (theme.large ? 1.6 : 1);
  const toX = (a) => ((a / extent + 1) / 2) * width;
  const toY = (b) => ((1 - b / extent) / 2) * height;
  drawPoints(context, train, toX, toY, unit, false);
  drawPoints(context, test, toX, toY, unit, true);
}

function drawPoints(context, points, toX, toY, unit, ringed) {
  const size = 3.2 * unit;
  context.lineWidth = 1.4 * unit;
  for (const label of [0, 1]) {
    context.beginPath();
    for (let i = 0; i < points.length; i += 3) {
      if (points[i + 2] !== label) continue;
      const x = toX(points[i]);
      const y = toY(points[i + 1]);
      if (label === 0) {
        context.moveTo(x + size, y);
        context.arc(x, y, size, 0, 2 * Math.PI);
      } else {
        context.moveTo(x - size, y - size);
        context.lineTo(x + size, y + size);
        context.moveTo(x - size, y + size);
        context.lineTo(x + size, y - size);
      }
    }
    context.strokeStyle = label === 0 ? "#08306b" : "#7f2704";
    context.stroke();
  }
  if (!ringed) return;
  context.beginPath();
  for (let i = 0; i < points.length; i += 3) {
    const x = toX(points[i]);
    const y = toY(points[i + 1]);
    context.moveTo(x + 2 * size, y);
    context.arc(x, y, 2 * size, 0, 2 * Math.PI);
  }
  context.lineWidth = 0.8 * unit;
  context.strokeStyle = "#111";
  context.stroke();
}

/** Blanks a map canvas (for data with no plane to draw). */
export function clearPlane(canvas) {
  fitCanvas(canvas);
  canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
}

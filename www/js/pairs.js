// Paired points of two modalities in one 2-D space: modality A as circles,
// modality B as crosses, each pair joined by a thin line, coloured by class
// with the Okabe-Ito palette (shape, not colour, tells the modalities apart).

import { fitCanvas } from "./canvas.js";

export const CLASS_COLOURS = [
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#56b4e9",
  "#d55e00",
  "#f0e442",
  "#000000",
  "#999999",
  "#882255",
];

/**
 * Draws `points` (flat [a1, a2, b1, b2] per pair) with `labels` (one class per
 * pair). With `unit` the axes are fixed to [-1, 1] (unit-length embeddings);
 * otherwise they fit the points. `axes` names the two coordinates.
 */
export function drawPairs(canvas, points, labels, { unit = false, axes = ["1", "2"] } = {}) {
  const theme = fitCanvas(canvas);
  const context = canvas.getContext("2d");
  const { width, height } = canvas;
  const scale = theme.scale * (theme.large ? 1.6 : 1);
  const ink = theme.dark ? "#e6e6e6" : "#1e1e1e";
  const faint = theme.dark ? "rgba(230,230,230,0.25)" : "rgba(30,30,30,0.2)";
  context.clearRect(0, 0, width, height);

  let extent = 1.04; // Room for the unit circle and its line.
  if (!unit) {
    extent = 1e-9;
    for (const value of points) if (Number.isFinite(value)) extent = Math.max(extent, Math.abs(value));
    extent *= 1.05;
  }
  const margin = 28 * scale;
  const side = Math.min(width, height) - 2 * margin;
  const left = (width - side) / 2;
  const top = (height - side) / 2;
  const toX = (value) => left + ((value / extent + 1) / 2) * side;
  const toY = (value) => top + ((1 - value / extent) / 2) * side;

  context.strokeStyle = faint;
  context.lineWidth = scale;
  context.strokeRect(left, top, side, side);
  if (unit) {
    context.beginPath();
    context.arc(toX(0), toY(0), side / 2, 0, 2 * Math.PI);
    context.stroke();
  }
  context.fillStyle = ink;
  context.font = `${12 * scale}px sans-serif`;
  context.textAlign = "center";
  context.textBaseline = "top";
  context.fillText(axes[0], left + side / 2, top + side + 6 * scale);
  context.save();
  context.translate(left - 8 * scale, top + side / 2);
  context.rotate(-Math.PI / 2);
  context.textBaseline = "bottom";
  context.fillText(axes[1], 0, 0);
  context.restore();

  context.beginPath();
  for (let i = 0; i < points.length; i += 4) {
    context.moveTo(toX(points[i]), toY(points[i + 1]));
    context.lineTo(toX(points[i + 2]), toY(points[i + 3]));
  }
  context.strokeStyle = faint;
  context.lineWidth = 0.8 * scale;
  context.stroke();

  const size = 3 * scale;
  context.lineWidth = 1.5 * scale;
  for (let i = 0; i < points.length; i += 4) {
    context.strokeStyle = CLASS_COLOURS[labels[i / 4] % CLASS_COLOURS.length];
    context.beginPath();
    const ax = toX(points[i]);
    const ay = toY(points[i + 1]);
    context.moveTo(ax + size, ay);
    context.arc(ax, ay, size, 0, 2 * Math.PI);
    const bx = toX(points[i + 2]);
    const by = toY(points[i + 3]);
    context.moveTo(bx - size, by - size);
    context.lineTo(bx + size, by + size);
    context.moveTo(bx - size, by + size);
    context.lineTo(bx + size, by - size);
    context.stroke();
  }
}

/** Bars of values in [0, 1] (canonical correlations), labelled below. */
export function drawBars(canvas, values, labels) {
  const theme = fitCanvas(canvas);
  const context = canvas.getContext("2d");
  const { width, height } = canvas;
  const scale = theme.scale * (theme.large ? 1.6 : 1);
  const ink = theme.dark ? "#e6e6e6" : "#1e1e1e";
  context.clearRect(0, 0, width, height);
  context.font = `${11 * scale}px sans-serif`;

  const margin = { left: 34 * scale, right: 8 * scale, top: 10 * scale, bottom: 20 * scale };
  const plotHeight = height - margin.top - margin.bottom;
  const slot = (width - margin.left - margin.right) / Math.max(1, values.length);
  const y = (value) => margin.top + plotHeight * (1 - Math.min(1, Math.max(0, value)));

  context.fillStyle = ink;
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (const value of [0, 0.5, 1]) context.fillText(value.toFixed(1), margin.left - 5 * scale, y(value));
  context.strokeStyle = theme.dark ? "#3a3d44" : "#dddddd";
  context.lineWidth = scale;
  context.strokeRect(margin.left, margin.top, width - margin.left - margin.right, plotHeight);

  context.textAlign = "center";
  context.textBaseline = "top";
  values.forEach((value, index) => {
    const x = margin.left + index * slot;
    context.fillStyle = "#0072b2";
    context.fillRect(x + slot * 0.15, y(value), slot * 0.7, y(0) - y(value));
    context.fillStyle = ink;
    if (slot > 14 * scale || index % 2 === 0) {
      context.fillText(labels[index], x + slot / 2, margin.top + plotHeight + 4 * scale);
    }
  });
}

// Loss and accuracy curves, train and test, on one canvas: loss above,
// accuracy below. Train is a solid line, test a dashed one, so the two are
// told apart without colour; each panel names its two lines beside its title.

import { fitCanvas } from "./canvas.js";

const TRAIN = "#0072b2";
const TEST = "#d55e00";
const ACCURACY = { title: "accuracy", keys: ["trainAccuracy", "testAccuracy"], names: ["train", "test"] };

/**
 * Draws `history` (an array of {step, trainLoss, testLoss, trainAccuracy, testAccuracy}).
 * `lower` replaces the accuracy panel: `{title, keys, names}` for two other
 * measures in [0, 1] (solid and dashed).
 */
export function drawCurves(canvas, history, maxSteps, lower = ACCURACY) {
  const theme = fitCanvas(canvas);
  const context = canvas.getContext("2d");
  const { width, height } = canvas;
  const unit = theme.scale * (theme.large ? 1.6 : 1);
  const ink = theme.dark ? "#e6e6e6" : "#1e1e1e";
  const grid = theme.dark ? "#3a3d44" : "#dddddd";
  context.clearRect(0, 0, width, height);
  context.font = `${12 * unit}px sans-serif`;

  const margin = { left: 48 * unit, right: 12 * unit, top: 18 * unit, bottom: 24 * unit };
  const gap = 26 * unit;
  const panelHeight = (height - margin.top - margin.bottom - gap) / 2;
  const lastStep = Math.max(1, maxSteps, history.at(-1)?.step ?? 1);
  const maxLoss = Math.max(0.1, ...history.map((point) => Math.max(point.trainLoss, point.testLoss)));
  const x = (step) => margin.left + (step / lastStep) * (width - margin.left - margin.right);

  const panels = [
    {
      title: "loss (nats)",
      top: margin.top,
      max: maxLoss,
      keys: ["trainLoss", "testLoss"],
      names: ["train", "test"],
    },
    { title: lower.title, top: margin.top + panelHeight + gap, max: 1, keys: lower.keys, names: lower.names },
  ];
  for (const panel of panels) {
    const y = (value) => panel.top + panelHeight * (1 - Math.min(value, panel.max) / panel.max);
    context.strokeStyle = grid;
    context.lineWidth = unit;
    context.strokeRect(margin.left, panel.top, width - margin.left - margin.right, panelHeight);
    context.fillStyle = ink;
    context.textAlign = "right";
    context.textBaseline = "middle";
    for (const fraction of [0, 0.5, 1]) {
      const value = panel.max * fraction;
      context.fillText(value.toFixed(panel.max === 1 ? 1 : 2), margin.left - 6 * unit, y(value));
    }
    context.textAlign = "left";
    context.textBaseline = "bottom";
    context.fillText(panel.title, margin.left, panel.top - 3 * unit);
    legend(context, width - margin.right, panel.top - 9 * unit, unit, ink, panel.names);

    panel.keys.forEach((key, index) => {
      context.beginPath();
      history.forEach((point, i) =>
        (i ? context.lineTo : context.moveTo).call(context, x(point.step), y(point[key])),
      );
      context.strokeStyle = index === 0 ? TRAIN : TEST;
      context.setLineDash(index === 0 ? [] : [6 * unit, 4 * unit]);
      context.lineWidth = 2 * unit;
      context.stroke();
    });
    context.setLineDash([]);
  }

  context.fillStyle = ink;
  context.textAlign = "right";
  context.textBaseline = "bottom";
  context.fillText(
    `step ${history.at(-1)?.step ?? 0} of ${lastStep}`,
    width - margin.right,
    height - 4 * unit,
  );
}

/** The two lines' names, solid then dashed, ending at `right`. */
function legend(context, right, y, unit, ink, names) {
  context.textAlign = "left";
  context.textBaseline = "middle";
  const widths = names.map((name) => 28 * unit + context.measureText(name).width);
  let x = right - widths[0] - widths[1] - 16 * unit;
  for (const [name, colour, dash] of [
    [names[0], TRAIN, []],
    [names[1], TEST, [6 * unit, 4 * unit]],
  ]) {
    context.beginPath();
    context.moveTo(x, y);
    context.lineTo(x + 24 * unit, y);
    context.strokeStyle = colour;
    context.setLineDash(dash);
    context.lineWidth = 2 * unit;
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = ink;
    context.fillText(name, x + 28 * unit, y);
    x += context.measureText(name).width + 44 * unit;
  }
}

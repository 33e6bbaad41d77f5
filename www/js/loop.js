// Training in the page without freezing it: a few optimiser steps per
// animation frame, as many as fit in a time budget, and no computing while
// the demo is off screen.

/** Trains a lab's model a frame at a time, learning how many steps fit in `budgetMs`. */
export class FrameTrainer {
  constructor(budgetMs, maxStepsPerFrame) {
    this.budgetMs = budgetMs;
    this.maxStepsPerFrame = maxStepsPerFrame;
    this.stepsPerFrame = 1;
  }

  /** Forgets the measured speed, for a new model. */
  reset() {
    this.stepsPerFrame = 1;
  }

  /** Calls `target.train(n)` once, for about the budget and at most `limit` steps; returns the steps taken. */
  train(target, limit = Infinity) {
    const steps = Math.min(this.stepsPerFrame, limit);
    const start = performance.now();
    const taken = target.train(steps);
    const elapsed = performance.now() - start;
    if (taken === steps && steps === this.stepsPerFrame) {
      const perStep = Math.max(elapsed, 0.05) / taken;
      this.stepsPerFrame = Math.max(1, Math.min(this.maxStepsPerFrame, Math.floor(this.budgetMs / perStep)));
    }
    return taken;
  }
}

/**
 * Calls `onChange(visible)` when the page, or the embedding element around
 * it (see embed.js), goes off or comes back on screen.
 */
export function onVisibilityChange(onChange) {
  document.addEventListener("visibilitychange", () => onChange(document.visibilityState === "visible"));
  window.addEventListener("message", (event) => {
    if (event.origin === window.location.origin && event.data?.mmml === "visibility") {
      onChange(Boolean(event.data.visible));
    }
  });
}

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/**
 * How often, in milliseconds, plots that move while a model trains are
 * redrawn: `preferred`, or once a second for readers who ask the system for
 * reduced motion (the numbers still update every frame).
 */
export function redrawInterval(preferred) {
  return reducedMotion.matches ? Math.max(preferred, 1000) : preferred;
}

/**
 * One frame of retraining a reopened snapshot `{steps, history, notes}`
 * toward its saved step. Returns null while steps remain (the status line
 * says how far it is), or, once there, the sentences that say whether the
 * curves came out the same as saved.
 */
export function retrainFrame(trainer, lab, replay) {
  const remaining = replay.steps - lab.status().steps;
  if (remaining > 0 && trainer.train(lab, remaining) > 0) {
    document.getElementById("status").textContent =
      `Reopening the snapshot: retraining, step ${lab.status().steps} of ${replay.steps}…`;
    return null;
  }
  const same = JSON.stringify(lab.history()) === JSON.stringify(replay.history);
  const verdict =
    same || !Array.isArray(replay.history)
      ? `Snapshot reopened: retrained to step ${lab.status().steps}, the same curves as saved.`
      : `Snapshot reopened and retrained to step ${lab.status().steps}, but its curves differ from the saved ones: the file was edited, or saved by another version of the lab.`;
  return [...replay.notes, verdict].join(" ");
}

/**
 * Shows on the page's #play button and #status step counter whether training
 * runs. The counter changes every frame while training, so a screen reader
 * hears it only once training pauses or stops.
 */
export function showPlaying(playing) {
  document.getElementById("play").textContent = playing ? "Pause" : "Play";
  document.getElementById("status").setAttribute("aria-live", playing ? "off" : "polite");
}

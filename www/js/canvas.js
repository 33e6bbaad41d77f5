// Canvas sizing and the theme the crate's charts are drawn with: sharp on
// high-density screens, light or dark, larger in lecture mode.

const darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

/** Sizes the canvas's pixel buffer to its CSS box times devicePixelRatio. */
export function fitCanvas(canvas) {
  const scale = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * scale));
  const height = Math.max(1, Math.round(canvas.clientHeight * scale));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return {
    scale,
    dark: darkScheme.matches,
    large: document.body.classList.contains("lecture"),
  };
}

/** Calls `redraw` when the size, pixel ratio or colour scheme changes. */
export function onLayoutChange(redraw) {
  let pending = false;
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        redraw();
      });
    }
  };
  window.addEventListener("resize", schedule);
  darkScheme.addEventListener("change", schedule);
  return schedule;
}

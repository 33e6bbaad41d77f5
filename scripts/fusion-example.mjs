// Writes www/data/fusion-example.csv, the fusion lab's example of a student's
// own table: 300 rows, two columns per modality and a class label.
//
//   a_signal  uniform on [150, 190]   modality A's informative reading
//   a_noise   uniform on [-1, 1]      a distractor in modality A
//   b_signal  uniform on [0, 100]     modality B's informative reading
//   b_noise   uniform on [-5, 5]      a distractor in modality B
//   y         "same" when (a_signal - 170) (b_signal - 50) > 0, else
//             "different": both readings above their middle or both below
//             (XOR of the signs, a synergy); 5 % of the labels are flipped.
//
// Neither modality alone says anything about y, and the two readings live on
// scales that differ by a factor of about 2.5, which standardising undoes.
// Seeded (mulberry32, seed 2024), so the file is the same on every run:
//   node scripts/fusion-example.mjs

import { writeFileSync } from "node:fs";

const ROWS = 300;
const FLIPPED = 0.05;

/** A uniform generator on [0, 1) from a 32-bit seed. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(2024);
const uniform = (low, high) => low + (high - low) * random();

const lines = ["a_signal,a_noise,b_signal,b_noise,y"];
for (let row = 0; row < ROWS; row++) {
  const aSignal = uniform(150, 190);
  const aNoise = uniform(-1, 1);
  const bSignal = uniform(0, 100);
  const bNoise = uniform(-5, 5);
  const same = (aSignal - 170) * (bSignal - 50) > 0;
  const label = same !== random() < FLIPPED ? "same" : "different";
  lines.push([aSignal.toFixed(1), aNoise.toFixed(2), bSignal.toFixed(1), bNoise.toFixed(2), label].join(","));
}
writeFileSync(new URL("../www/data/fusion-example.csv", import.meta.url), lines.join("\n") + "\n");

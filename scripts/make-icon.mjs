// Draws the marketplace icon, media/icon.png (128×128), with the project's own PNG encoder: a picture frame
// with a sparkle on a violet-to-blue tile. Run `npm run compile-tests` first (it compiles src/core/images/png.ts).
// The shapes are signed-distance tests sampled 4×4 per pixel, which gives smooth edges without a drawing
// library. Kept as a script so a change to the icon is a reviewed change to code, not to a binary.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { encodePng } = require('../out/src/core/images/png.js');

const SIZE = 128;
const SAMPLES = 4;

const insideRoundedRect = (x, y, left, top, right, bottom, radius) => {
  const dx = Math.max(left + radius - x, 0, x - (right - radius));
  const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
  return x >= left && x <= right && y >= top && y <= bottom && dx * dx + dy * dy <= radius * radius;
};
const insideCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** A four-pointed sparkle: the astroid-like curve √|dx| + √|dy| ≤ √r. */
const insideSparkle = (x, y, cx, cy, r) => Math.sqrt(Math.abs(x - cx)) + Math.sqrt(Math.abs(y - cy)) <= Math.sqrt(r);
/** Below the line through two points, between their x. */
const belowSlope = (x, y, [x0, y0], [x1, y1]) => x >= Math.min(x0, x1) && x <= Math.max(x0, x1) && y >= y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);

const tile = (x, y) => insideRoundedRect(x, y, 0, 0, SIZE, SIZE, 26);
const frameOuter = (x, y) => insideRoundedRect(x, y, 18, 38, 94, 106, 10);
const frameInner = (x, y) => insideRoundedRect(x, y, 25, 45, 87, 99, 5);
const mountains = (x, y) =>
  frameInner(x, y) && (belowSlope(x, y, [25, 92], [48, 66]) || belowSlope(x, y, [48, 66], [64, 84]) || belowSlope(x, y, [56, 90], [71, 74]) || belowSlope(x, y, [71, 74], [87, 92]) || (x >= 25 && x <= 87 && y >= 90));
const white = (x, y) =>
  (frameOuter(x, y) && !frameInner(x, y)) || mountains(x, y) || insideCircle(x, y, 72, 58, 6) || insideSparkle(x, y, 98, 30, 22) || insideSparkle(x, y, 112, 58, 8);

const coverage = (test, px, py) => {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy++) for (let sx = 0; sx < SAMPLES; sx++) if (test(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
  return hits / (SAMPLES * SAMPLES);
};

const violet = [124, 58, 237];
const blue = [14, 165, 233];
const pixels = new Uint8Array(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const t = (x + y) / (2 * SIZE); // diagonal gradient, violet at the top left
    const ink = coverage(white, x, y);
    const i = (y * SIZE + x) * 4;
    for (let c = 0; c < 3; c++) pixels[i + c] = Math.round((violet[c] + (blue[c] - violet[c]) * t) * (1 - ink) + 255 * ink);
    pixels[i + 3] = Math.round(255 * coverage(tile, x, y));
  }
}
writeFileSync('media/icon.png', encodePng(pixels, SIZE, SIZE, { level: 9 }));
console.log('media/icon.png: 128×128');

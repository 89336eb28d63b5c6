import { PNG } from 'pngjs';

/**
 * Candor's icons, drawn from code so they can be regenerated (`npm run icons`) and checked against what is
 * committed: two speech bubbles, one behind the other, for two people taking turns to talk.
 *
 * Shapes are signed distance functions (negative inside); each pixel's coverage is the share of an 8×8 grid of
 * sample points inside the shape, which gives smooth edges without a rendering library.
 */

/** The colour icon's background, and the manifest's accentColor (Teams shows the outline icon on it). */
export const ACCENT_COLOR = '#23706b';
const BACK_BUBBLE = '#a8dad5';
const FRONT_BUBBLE = '#ffffff';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

type Point = readonly [number, number];
type Sdf = (x: number, y: number) => number;

// Drawing calls these ~10⁶ times. Inside jest's sandbox every lookup of the global `Math` is slow (a vm context
// intercepts global access), which made the icon test take seconds; module-level bindings look it up once.
const { abs, max, min, sqrt, round } = Math;
const length = (x: number, y: number) => sqrt(x * x + y * y);

function roundedRect(left: number, top: number, right: number, bottom: number, radius: number): Sdf {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hx = (right - left) / 2 - radius;
  const hy = (bottom - top) / 2 - radius;
  return (x, y) => {
    const qx = abs(x - cx) - hx;
    const qy = abs(y - cy) - hy;
    return length(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - radius;
  };
}

function circle(cx: number, cy: number, r: number): Sdf {
  return (x, y) => length(x - cx, y - cy) - r;
}

/** Exact distance to a triangle (after Inigo Quilez's sdTriangle). */
function triangle(a: Point, b: Point, c: Point): Sdf {
  const edges: Array<[Point, Point]> = [
    [a, b],
    [b, c],
    [c, a],
  ];
  return (x, y) => {
    let distance = Infinity;
    let sign = 0;
    for (const [p, q] of edges) {
      const ex = q[0] - p[0];
      const ey = q[1] - p[1];
      const wx = x - p[0];
      const wy = y - p[1];
      const t = min(max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
      distance = min(distance, length(wx - ex * t, wy - ey * t));
      const cross = ex * wy - ey * wx;
      sign += cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }
    // Inside when the point is on the same side of all three edges.
    return abs(sign) === 3 ? -distance : distance;
  };
}

function union(...shapes: Sdf[]): Sdf {
  return (x, y) => {
    let d = Infinity;
    for (const shape of shapes) d = min(d, shape(x, y));
    return d;
  };
}

/** The motif in a 192-unit square; the symbol stays inside Teams' 120-unit safe area around the middle. */
function bubbles(scale: number) {
  const s = (v: number) => v * scale;
  const back = union(
    roundedRect(s(38), s(40), s(124), s(106), s(24)),
    triangle([s(50), s(96)], [s(78), s(96)], [s(44), s(128)]),
  );
  const front = union(
    roundedRect(s(70), s(80), s(156), s(146), s(24)),
    triangle([s(120), s(136)], [s(148), s(136)], [s(154), s(166)]),
  );
  const dots = union(circle(s(92), s(113), s(7)), circle(s(113), s(113), s(7)), circle(s(134), s(113), s(7)));
  return { back, front, dots };
}

const SAMPLES = 8;
// Every sample point lies within √2/2 of the pixel's centre. Distance functions change by at most the distance
// moved, so a test `d <= t` whose centre value is further than this from t comes out the same at every sample.
const HALF_DIAGONAL = Math.SQRT1_2;

/**
 * For each test `(x, y) => distance <= threshold`, the share (0…1) of the pixel's sample points that pass.
 * Pixels no edge crosses are settled from their centre alone, which keeps drawing fast.
 */
function coverages(px: number, py: number, tests: ReadonlyArray<{ sdf: Sdf; threshold: number }>): number[] {
  const centre = tests.map((t) => t.sdf(px + 0.5, py + 0.5) - t.threshold);
  if (centre.every((d) => abs(d) > HALF_DIAGONAL)) return centre.map((d) => (d <= 0 ? 1 : 0));
  const hits = tests.map(() => 0);
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const x = px + (i + 0.5) / SAMPLES;
      const y = py + (j + 0.5) / SAMPLES;
      tests.forEach((t, k) => {
        if (t.sdf(x, y) <= t.threshold) hits[k]!++;
      });
    }
  }
  return hits.map((h) => h / (SAMPLES * SAMPLES));
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 192×192, opaque: the accent colour with a pale back bubble and a white front bubble holding three dots. */
export function drawColorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const { back, front, dots } = bubbles(1);
  const gap = 6; // accent-coloured margin that separates the front bubble from the back one
  const layers = [
    { color: rgb(BACK_BUBBLE), sdf: back, threshold: 0 },
    { color: rgb(ACCENT_COLOR), sdf: front, threshold: gap },
    { color: rgb(FRONT_BUBBLE), sdf: front, threshold: 0 },
    { color: rgb(ACCENT_COLOR), sdf: dots, threshold: 0 },
  ];
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const background = rgb(ACCENT_COLOR);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const shares = coverages(x, y, layers);
      let pixel: [number, number, number] = [...background];
      layers.forEach((layer, k) => {
        const a = shares[k]!;
        if (a > 0) pixel = pixel.map((c, n) => c + (layer.color[n]! - c) * a) as [number, number, number];
      });
      const o = (y * size + x) * 4;
      png.data[o] = round(pixel[0]);
      png.data[o + 1] = round(pixel[1]);
      png.data[o + 2] = round(pixel[2]);
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/**
 * 32×32, white on transparent as Teams requires: the back bubble as a line, the front bubble filled, the dots and
 * the gap between the bubbles cut out. Edge pixels are white with partial alpha, never another colour.
 */
export function drawOutlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const { back, front, dots } = bubbles(size / COLOR_ICON_SIZE);
  const stroke = 2;
  const gap = 1.5;
  // Inside the back bubble's line: within `stroke` inside its edge, and clear of the front bubble and its gap.
  const backLine: Sdf = (x, y) => max(back(x, y), -stroke - back(x, y), gap - front(x, y));
  // Inside the front bubble but not in a dot.
  const frontFill: Sdf = (x, y) => max(front(x, y), -dots(x, y));
  const shape = union(backLine, frontFill);
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      png.data[o] = 255;
      png.data[o + 1] = 255;
      png.data[o + 2] = 255;
      png.data[o + 3] = round(coverages(x, y, [{ sdf: shape, threshold: 0 }])[0]! * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

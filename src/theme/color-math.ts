/** Pure colour arithmetic: nearest xterm-256 / ANSI-16 colour for an RGB value. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** xterm's default values for the 16 ANSI colours (terminals vary; these are the common reference). */
export const ANSI16_RGB: readonly Rgb[] = [
  { r: 0, g: 0, b: 0 },
  { r: 205, g: 0, b: 0 },
  { r: 0, g: 205, b: 0 },
  { r: 205, g: 205, b: 0 },
  { r: 0, g: 0, b: 238 },
  { r: 205, g: 0, b: 205 },
  { r: 0, g: 205, b: 205 },
  { r: 229, g: 229, b: 229 },
  { r: 127, g: 127, b: 127 },
  { r: 255, g: 0, b: 0 },
  { r: 0, g: 255, b: 0 },
  { r: 255, g: 255, b: 0 },
  { r: 92, g: 92, b: 255 },
  { r: 255, g: 0, b: 255 },
  { r: 0, g: 255, b: 255 },
  { r: 255, g: 255, b: 255 },
];

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

export function parseHex(hex: string): Rgb | undefined {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return undefined;
  const n = Number.parseInt(m[1], 16);
  return { r: (n >> 16) & 0xff, g: (n >> 8) & 0xff, b: n & 0xff };
}

/** RGB of an xterm-256 palette index. */
export function xterm256ToRgb(index: number): Rgb {
  if (index < 16) return ANSI16_RGB[index] ?? { r: 0, g: 0, b: 0 };
  if (index >= 232) {
    const v = 8 + (index - 232) * 10;
    return { r: v, g: v, b: v };
  }
  const i = index - 16;
  const level = (n: number): number => CUBE_LEVELS[n] ?? 0;
  return { r: level(Math.floor(i / 36)), g: level(Math.floor(i / 6) % 6), b: level(i % 6) };
}

/** Perceptually weighted ("redmean") squared distance: cheap and better than plain RGB. */
export function colorDistance(a: Rgb, b: Rgb): number {
  const rMean = (a.r + b.r) / 2;
  const dr = a.r - b.r;
  const dg = a.g - b.g;
  const db = a.b - b.b;
  return (2 + rMean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rMean) / 256) * db * db;
}

function nearestCubeLevel(v: number): number {
  let best = 0;
  for (let i = 1; i < CUBE_LEVELS.length; i++) {
    if (Math.abs((CUBE_LEVELS[i] ?? 0) - v) < Math.abs((CUBE_LEVELS[best] ?? 0) - v)) best = i;
  }
  return best;
}

/**
 * Nearest colour among xterm-256 indices 16–255 (the cube and the grey ramp). Indices 0–15 are
 * skipped on purpose: terminals redefine them, so they are not a stable target for an exact colour.
 */
export function nearestXterm256(rgb: Rgb): number {
  const cube = 16 + 36 * nearestCubeLevel(rgb.r) + 6 * nearestCubeLevel(rgb.g) + nearestCubeLevel(rgb.b);
  const avg = (rgb.r + rgb.g + rgb.b) / 3;
  const greyStep = Math.max(0, Math.min(23, Math.round((avg - 8) / 10)));
  const grey = 232 + greyStep;
  return colorDistance(rgb, xterm256ToRgb(grey)) < colorDistance(rgb, xterm256ToRgb(cube)) ? grey : cube;
}

/** Nearest of the 16 ANSI colours (0–7 normal, 8–15 bright). */
export function nearestAnsi16(rgb: Rgb): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  ANSI16_RGB.forEach((candidate, index) => {
    const d = colorDistance(rgb, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = index;
    }
  });
  return best;
}

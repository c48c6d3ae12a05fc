/*
 * The goal table every bench prints: each goal of the issue with the measured figure, the ratio
 * against its named baseline (measured side by side in the same run) and met/MISSED.
 */
export interface Goal {
  /** What the issue asks, in its words ("ps --all --json ≥ 12× faster than the CLI loop"). */
  goal: string;
  /** The figure(s) measured, with units. */
  measured: string;
  /** The ratio the goal is about, when it is one. */
  ratio?: number;
  /** undefined: could not be measured (says why in `measured`). */
  met: boolean | undefined;
}

export const ms = (x: number): string =>
  !Number.isFinite(x)
    ? 'n/a'
    : x >= 10_000
      ? `${(x / 1000).toFixed(1)} s`
      : x >= 100
        ? `${x.toFixed(0)} ms`
        : `${x.toFixed(1)} ms`;
export const mb = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1048576).toFixed(0)} MB` : 'n/a';
export const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
export const ratio = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? '' : `${x.toFixed(2)}×`;

export function printGoals(
  title: string,
  goals: readonly Goal[],
  out: NodeJS.WritableStream = process.stdout,
): void {
  const w = Math.max(...goals.map((g) => g.goal.length), 20);
  out.write(`\n${title}\n`);
  for (const g of goals) {
    const verdict = g.met === undefined ? 'n/a' : g.met ? 'met' : 'MISSED';
    out.write(`  ${g.goal.padEnd(w)}  ${verdict.padEnd(6)}  ${ratio(g.ratio).padStart(8)}  ${g.measured}\n`);
  }
}

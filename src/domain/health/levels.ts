import type { Finding, HealthLevel, UsageThresholds } from './types.js';

const RANK: Readonly<Record<HealthLevel, number>> = { ok: 0, warn: 1, crit: 2 };

/** The worst level among findings; `ok` when there are none. */
export function verdictOf(findings: readonly Finding[]): HealthLevel {
  let worst: HealthLevel = 'ok';
  for (const f of findings) if (RANK[f.level] > RANK[worst]) worst = f.level;
  return worst;
}

/** Where a used-percentage falls against the thresholds. */
export function levelForPercent(usedPercent: number, thresholds: UsageThresholds): HealthLevel {
  if (usedPercent >= thresholds.critPercent) return 'crit';
  if (usedPercent >= thresholds.warnPercent) return 'warn';
  return 'ok';
}

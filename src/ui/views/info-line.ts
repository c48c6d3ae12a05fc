import type { ContainerUsage } from '../../fleet/snapshot.js';
import type { Theme } from '../../theme/index.js';
import { fit, formatBytes, formatPercent } from '../presenters/format.js';
import { sparkline, sumHistories } from '../presenters/sparkline.js';
import type { LocalVitals } from '../types.js';

const SPARK_WIDTH = 12;

export function vitalsText(v: LocalVitals | undefined): string {
  if (!v) return '';
  return `local load ${v.load1.toFixed(2)} ${v.load5.toFixed(2)} ${v.load15.toFixed(2)}  mem ${formatBytes(v.memUsedBytes)}/${formatBytes(v.memTotalBytes)}  disk ${formatBytes(v.diskUsedBytes)}/${formatBytes(v.diskTotalBytes)}`;
}

/** "cpu ▁▂▅ 12% mem ▃▃▄ 120M/512M" for one container or the sum over a role's replicas. */
export function usageSummary(label: string, usages: readonly ContainerUsage[], theme: Theme): string {
  if (usages.length === 0) return theme.paint(`${label}: no samples yet`, 'text.dim');
  const cpu = sumHistories(
    usages.map((u) => u.cpuHistory),
    SPARK_WIDTH,
  );
  const mem = sumHistories(
    usages.map((u) => u.memHistory),
    SPARK_WIDTH,
  );
  const cpuNow = usages.reduce((s, u) => s + (u.cpuPercent ?? 0), 0);
  const memNow = usages.reduce((s, u) => s + u.memBytes, 0);
  const memLimit = usages.reduce((s, u) => s + u.memLimitBytes, 0);
  return [
    theme.paint(`${label} `, 'text.dim'),
    theme.paint('cpu ', 'text.dim'),
    theme.paint(fit(sparkline(cpu, SPARK_WIDTH), SPARK_WIDTH), 'spark.cpu'),
    theme.paint(` ${formatPercent(cpuNow)} `, 'text.primary'),
    theme.paint('mem ', 'text.dim'),
    theme.paint(
      fit(sparkline(mem, SPARK_WIDTH, memLimit > 0 ? memLimit : undefined), SPARK_WIDTH),
      'spark.mem',
    ),
    theme.paint(` ${formatBytes(memNow)}${memLimit > 0 ? `/${formatBytes(memLimit)}` : ''}`, 'text.primary'),
  ].join('');
}

export function plainLength(painted: string): number {
  // eslint-disable-next-line no-control-regex
  return [...painted.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/** Left part, then the local vitals right-aligned when they fit. */
export function infoLine(left: string, vitals: LocalVitals | undefined, width: number, theme: Theme): string {
  const right = vitalsText(vitals);
  const leftLength = plainLength(left);
  if (right && leftLength + right.length + 2 <= width) {
    return left + ' '.repeat(width - leftLength - right.length) + theme.paint(right, 'text.dim');
  }
  if (leftLength === 0 && right) return theme.paint(fit(right, width), 'text.dim');
  return left;
}

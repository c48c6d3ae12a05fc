/**
 * How far a long piece of work is, as data: runners report it, the dashboard's action dialog
 * and the CLI draw it as a bar (on a terminal), plain lines elsewhere ignore it, `--json` never
 * sees it. A redeploy counts replicas, a snapshot or an image load bytes, a prune hosts.
 */
export type ProgressUnit = 'bytes' | 'replicas' | 'hosts';

export interface ProgressMeter {
  /** One bar per key: loads to several hosts side by side each have their own. */
  key: string;
  /** What is measured: `redeploy web`, `load shop/web:1.5 → lab-1`. */
  label: string;
  done: number;
  /** Unknown (a size the daemon did not say): no bar, only what was done and its rate. */
  total?: number | undefined;
  unit: ProgressUnit;
  /** Epoch ms the work began (elapsed time and the estimate are measured from it). */
  startedAt: number;
  /** Epoch ms of this reading. */
  at: number;
  /** What runs now: `batch 2/3`. */
  detail?: string | undefined;
}

/** Whether the work the meter measures is over (its last reading). */
export function meterComplete(m: ProgressMeter): boolean {
  return m.total !== undefined && m.done >= m.total;
}

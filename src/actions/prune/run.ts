import { formatBytes } from '../../domain/format/index.js';
import type { RemoveResult, ToolkitOps } from '../../docker/resources/ops.js';
import { throwIfCancelled } from '../cancel.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import { toolkitOf } from './gather.js';
import type { PruneCandidate, PruneHostPlan, PrunePlan } from './types.js';

export interface PruneHostReport {
  host: string;
  removed: string[];
  /** Planned, but in use by the time it was reached (or the daemon refused: in use). */
  kept: Array<{ id: string; why: string }>;
  /** Already gone when its turn came. */
  gone: string[];
  failed: Array<{ id: string; error: string }>;
  bytesFreed: number;
}

/** Is the candidate still what the plan saw? A container or image that gained a user is kept. */
async function stillUnused(
  plan: PrunePlan,
  ops: ToolkitOps,
): Promise<(c: PruneCandidate) => string | undefined> {
  const [now, networks] = await Promise.all([
    ops.containers(),
    plan.what === 'networks' ? ops.networks() : Promise.resolve([]),
  ]);
  const attached = new Set(networks.filter((n) => n.containers > 0).map((n) => n.id));
  const images = new Set(now.map((c) => c.imageId));
  const volumes = new Set(now.flatMap((c) => c.volumes));
  const running = new Set(
    now.filter((c) => !['exited', 'created', 'dead'].includes(c.state)).map((c) => c.id),
  );
  return (c) => {
    if (plan.what === 'images' && images.has(c.id)) return 'a container uses it now';
    if (plan.what === 'volumes' && volumes.has(c.id)) return 'a container mounts it now';
    if (plan.what === 'containers' && running.has(c.id)) return 'it is running now';
    if (plan.what === 'networks' && attached.has(c.id)) return 'a container is attached now';
    return undefined;
  };
}

function remove(plan: PrunePlan, ops: ToolkitOps, c: PruneCandidate): Promise<RemoveResult> {
  switch (plan.what) {
    case 'images':
      return ops.removeImage(c.id, c.tags ?? []);
    case 'containers':
      return ops.removeContainer(c.id);
    case 'volumes':
      return ops.removeVolume(c.id);
    case 'networks':
      return ops.removeNetwork(c.id);
  }
}

async function pruneHost(plan: PrunePlan, h: PruneHostPlan, ctx: RunContext): Promise<PruneHostReport> {
  const report: PruneHostReport = {
    host: h.host,
    removed: [],
    kept: [],
    gone: [],
    failed: [],
    bytesFreed: 0,
  };
  if (h.candidates.length === 0) return report;
  const ops = toolkitOf(ctx.hosts(h.host));
  const why = await stillUnused(plan, ops);
  for (const c of h.candidates) {
    throwIfCancelled(ctx.signal);
    const busy = why(c);
    if (busy) {
      report.kept.push({ id: c.id, why: busy });
      ctx.progress({ host: h.host, message: `kept ${c.name}: ${busy}` });
      continue;
    }
    try {
      const r = await ctx.limiter.run(h.host, () => remove(plan, ops, c));
      if (r === 'removed') {
        report.removed.push(c.id);
        report.bytesFreed += c.bytes ?? 0;
        ctx.progress({
          host: h.host,
          message: `removed ${c.name}${c.bytes ? ` (${formatBytes(c.bytes)})` : ''}`,
        });
      } else if (r === 'gone') report.gone.push(c.id);
      else report.kept.push({ id: c.id, why: 'the daemon refused: in use' });
    } catch (err) {
      report.failed.push({ id: c.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}

/** Removes what the plan lists, host by host side by side; one line per thing as progress. */
export async function runPrune(plan: PrunePlan, ctx: RunContext): Promise<RunReport> {
  const bar = {
    key: `prune ${plan.what}`,
    label: `prune ${plan.what}`,
    unit: 'hosts' as const,
    total: plan.perHost.length,
    startedAt: ctx.now(),
  };
  let hostsDone = 0;
  ctx.meter({ ...bar, done: 0 });
  const reports = await Promise.all(
    plan.perHost.map(async (h) => {
      try {
        return await pruneHost(plan, h, ctx);
      } finally {
        ctx.meter({ ...bar, done: ++hostsDone, detail: `${h.host} done` });
      }
    }),
  );
  const removed = reports.reduce((s, r) => s + r.removed.length, 0);
  const planned = plan.perHost.reduce((s, h) => s + h.candidates.length, 0);
  const freed = reports.reduce((s, r) => s + r.bytesFreed, 0);
  const kept = reports.flatMap((r) => r.kept.map((k) => `${r.host}/${k.id}: ${k.why}`));
  const failed = reports.flatMap((r) => r.failed.map((f) => f.error));
  const details = { perHost: reports, removed, planned, bytesFreed: freed };
  const message =
    `removed ${removed} of ${planned} ${plan.what} on ${plan.perHost.length} host(s), freed ${formatBytes(freed)}` +
    (kept.length ? `; kept ${kept.length} now in use (${kept.join('; ')})` : '');
  if (failed.length)
    throw new ActionFailed(`${message}; ${failed.length} failed: ${failed.join('; ')}`, details);
  return { message, details };
}

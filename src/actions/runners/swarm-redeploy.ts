import type { SwarmMutations, SwarmService, SwarmTask } from '../../docker/mutations/index.js';
import { ActionCancelled, throwIfCancelled } from '../cancel.js';
import { swarmUpdateSpec } from '../planners/swarm-redeploy-plan.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import { runImageLoads } from './image-loads.js';
import type { SwarmRedeployPlan } from '../types.js';

/** Seconds of slack per task beyond its delay and monitor window (start, stop, scheduling). */
const SLACK_PER_TASK_S = 60;

function taskName(service: string, t: SwarmTask): string {
  return t.slot !== undefined ? `${service}.${t.slot}` : `${service}.${t.id.slice(0, 12)}`;
}

function isLive(t: SwarmTask): boolean {
  return t.desiredState === 'running' && t.state === 'running';
}

/** One progress line: the update state and how many live tasks run the new image. */
function describe(plan: SwarmRedeployPlan, s: SwarmService, tasks: SwarmTask[]): string {
  const live = tasks.filter(isLive);
  const onNew = live.filter((t) => t.image === plan.image).length;
  const state = s.updateStatus ? `${s.updateStatus.state.replace('_', ' ')}` : 'update accepted';
  const why = s.updateStatus?.message ? ` (${s.updateStatus.message})` : '';
  return `service ${s.name}: ${state}${why} — ${onNew}/${live.length} running task${live.length === 1 ? '' : 's'} on ${plan.image}`;
}

/** Errors of tasks of the new image, newest first, one line per distinct error. */
function taskErrors(plan: SwarmRedeployPlan, tasks: SwarmTask[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...tasks].sort((a, b) => b.since - a.since)) {
    if (t.image !== plan.image || !t.error || seen.has(t.error)) continue;
    seen.add(t.error);
    out.push(`${taskName(plan.service.name, t)} (${plan.image}): ${t.error}`);
  }
  return out;
}

interface Followed {
  service: SwarmService;
  tasks: SwarmTask[];
  /** The message the swarm gave when it started rolling back (the final one just says "rollback completed"). */
  rollbackReason?: string;
}

/**
 * Polls GET /services/{id} and its tasks until the update (or rollback) that started after
 * `previousStart` settles in one of `until`; a progress line whenever something changed.
 */
async function follow(
  sw: SwarmMutations,
  plan: SwarmRedeployPlan,
  ctx: RunContext,
  opts: { previousStart: string | undefined; until: readonly string[]; signal?: AbortSignal },
): Promise<Followed> {
  const started = ctx.now();
  const limitMs = deadlineMs(plan);
  let last = '';
  let rollbackReason: string | undefined;
  for (;;) {
    const service = await sw.service(plan.service.id);
    const tasks = await sw.tasks(plan.service.id);
    // Until the swarm starts this update, UpdateStatus is absent or still the previous one.
    const status =
      service.updateStatus && service.updateStatus.startedAt !== opts.previousStart
        ? service.updateStatus
        : undefined;
    const shown = { ...service, ...(status ? { updateStatus: status } : { updateStatus: undefined }) };
    const line = describe(plan, shown, tasks);
    if (line !== last) {
      ctx.progress({ host: plan.manager, message: line });
      last = line;
    }
    if (status?.state === 'rollback_started' && status.message) rollbackReason = status.message;
    if (status && opts.until.includes(status.state)) {
      return { service: shown, tasks, ...(rollbackReason ? { rollbackReason } : {}) };
    }
    if (ctx.now() - started > limitMs) {
      throw new ActionFailed(
        `${plan.manager}: Swarm service ${plan.service.name} is still ${status?.state ?? 'waiting to update'} after ${Math.round(limitMs / 1000)} s — ` +
          `the swarm goes on by itself; follow it with \`docker service ps ${plan.service.name}\` on ${plan.manager}`,
        { service: plan.service.id, updateStatus: status ?? null },
      );
    }
    await ctx.sleep(ctx.pollMs, opts.signal);
  }
}

function deadlineMs(plan: SwarmRedeployPlan): number {
  const perTask = plan.waitSeconds + plan.healthTimeoutSeconds + SLACK_PER_TASK_S;
  return (SLACK_PER_TASK_S + plan.service.tasks * perTask) * 1000;
}

/** Operator cancelled mid-update: ask the swarm to roll back to the previous spec and wait for it. */
async function cancelUpdate(sw: SwarmMutations, plan: SwarmRedeployPlan, ctx: RunContext): Promise<never> {
  const now = await sw.service(plan.service.id);
  const previousStart = now.updateStatus?.startedAt;
  ctx.progress({ host: plan.manager, message: `cancelling: rolling service ${plan.service.name} back` });
  await sw.update(plan.service.id, now.version, now.spec, { rollback: true });
  const end = await follow(sw, plan, ctx, {
    previousStart,
    until: ['rollback_completed', 'rollback_paused'],
  });
  throw new ActionCancelled(
    `cancelled by the operator — Swarm service ${plan.service.name} on ${plan.manager}: ${end.service.updateStatus?.message ?? 'rolled back'}`,
  );
}

export async function runSwarmRedeploy(plan: SwarmRedeployPlan, ctx: RunContext): Promise<RunReport> {
  const sw = ctx.hosts(plan.manager).swarm;
  if (!sw) throw new ActionFailed(`${plan.manager}: no Swarm access to this host — nothing was changed`);
  const current = await sw.service(plan.service.id);
  if (current.version !== plan.service.version) {
    throw new ActionFailed(
      `${plan.manager}: Swarm service ${plan.service.name} changed since the plan (version ${plan.service.version} → ${current.version}) — nothing was changed; plan the redeploy again`,
    );
  }
  throwIfCancelled(ctx.signal);
  // Before the update: a node that would start a task without the image (and no registry) fails it.
  const loadedBytes = plan.loads.length > 0 ? await runImageLoads(plan.loads, ctx) : 0;
  throwIfCancelled(ctx.signal);
  const previousStart = current.updateStatus?.startedAt;
  // The version makes the daemon refuse the update if anyone changed the service since it was read.
  const warnings = await sw.update(plan.service.id, current.version, swarmUpdateSpec(current.spec, plan));
  for (const w of warnings) ctx.progress({ host: plan.manager, message: `warning: ${w}` });
  let end: Followed;
  try {
    end = await follow(sw, plan, ctx, {
      previousStart,
      until: ['completed', 'paused', 'rollback_completed', 'rollback_paused'],
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (err) {
    if (err instanceof ActionCancelled) return cancelUpdate(sw, plan, ctx);
    throw err;
  }
  const state = end.service.updateStatus?.state;
  const live = end.tasks.filter(isLive);
  const details = {
    service: plan.service.id,
    updateStatus: end.service.updateStatus ?? null,
    tasks: live.map((t) => ({ task: taskName(plan.service.name, t), image: t.image })),
    ...(plan.loads.length > 0 ? { loadedBytes } : {}),
  };
  if (state === 'completed') {
    const onNew = live.filter((t) => t.image === plan.image).length;
    // The swarm calls an update completed once new tasks run; old ones may still be in their stop grace period.
    const stopping = end.tasks.filter((t) => t.desiredState === 'shutdown' && t.state === 'running').length;
    const still =
      stopping > 0 ? ` (${stopping} old task${stopping === 1 ? ' is' : 's are'} still stopping)` : '';
    return {
      message: `role ${plan.role} (Swarm service ${plan.service.name} on ${plan.manager}) now runs ${plan.image} on ${onNew} task${onNew === 1 ? '' : 's'}${still}`,
      details,
    };
  }
  const errors = taskErrors(plan, end.tasks);
  const why = [end.rollbackReason, ...errors].filter(Boolean).join('\n  ');
  const message =
    state === 'rollback_completed'
      ? `Swarm rolled service ${plan.service.name} on ${plan.manager} back to ${plan.service.image}: ${why || end.service.updateStatus?.message}` +
        `\n  fix ${plan.image} (or its health check) and redeploy again`
      : `Swarm ${state?.replace('_', ' ')} service ${plan.service.name} on ${plan.manager}: ${end.service.updateStatus?.message ?? ''}${errors.length ? `\n  ${errors.join('\n  ')}` : ''}` +
        `\n  the service is half-updated — roll it back with \`docker service rollback ${plan.service.name}\` on ${plan.manager}, or redeploy again`;
  throw new ActionFailed(message, { ...details, errors });
}

import type { SwarmMutations, SwarmTask } from '../../docker/mutations/index.js';
import { throwIfCancelled } from '../cancel.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { SwarmOpPlan } from '../types.js';

const live = (t: SwarmTask): boolean => t.desiredState === 'running';
const running = (t: SwarmTask): boolean => live(t) && t.state === 'running';

function swarmOf(plan: SwarmOpPlan, ctx: RunContext): SwarmMutations {
  const sw = ctx.hosts(plan.manager).swarm;
  if (!sw) throw new ActionFailed(`${plan.manager}: no Swarm API on this host — nothing was sent`);
  return sw;
}

/** Polls until `done` says so or the plan's wait runs out; returns whether it was met. */
async function waitFor(
  plan: SwarmOpPlan,
  ctx: RunContext,
  check: () => Promise<string | undefined>,
): Promise<boolean> {
  const deadline = ctx.now() + plan.waitSeconds * 1000;
  let last = '';
  for (;;) {
    throwIfCancelled(ctx.signal);
    const pending = await check();
    if (pending === undefined) return true;
    if (pending !== last) ctx.progress({ host: plan.manager, message: pending });
    last = pending;
    if (ctx.now() >= deadline) return false;
    await ctx.sleep(ctx.pollMs, ctx.signal);
  }
}

async function runService(plan: SwarmOpPlan, ctx: RunContext, sw: SwarmMutations): Promise<RunReport> {
  const ref = plan.service;
  if (!ref) throw new ActionFailed(`${plan.kind}: the plan names no service`);
  // The spec and version as they are now: an update names its version, so a change made since
  // the plan was read is refused by the swarm instead of being overwritten.
  const current = await sw.service(ref.id);
  const spec = structuredClone(current.spec);
  if (plan.kind === 'swarm-scale') {
    spec.Mode = { ...spec.Mode, Replicated: { ...spec.Mode?.Replicated, Replicas: plan.replicas ?? 0 } };
  } else if (plan.kind === 'swarm-force-update') {
    spec.TaskTemplate = { ...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1 };
  }
  const warnings = await sw.update(ref.id, current.version, spec, {
    rollback: plan.kind === 'swarm-rollback',
  });
  for (const w of warnings) ctx.progress({ host: plan.manager, message: `warning from the swarm: ${w}` });
  ctx.progress({ host: plan.manager, message: `${plan.kind} of ${ref.name} accepted by ${plan.manager}` });
  const want = plan.replicas;
  const settled = await waitFor(plan, ctx, async () => {
    const [s, tasks] = await Promise.all([sw.service(ref.id), sw.tasks(ref.id)]);
    const run = tasks.filter(running).length;
    const desired = tasks.filter(live).length;
    if (plan.kind === 'swarm-scale') {
      return run === want && desired === want
        ? undefined
        : `${ref.name}: ${run} running, ${desired} wanted, asked ${want}`;
    }
    const state = s.updateStatus?.state;
    const busy = state === 'updating' || state === 'rollback_started' || s.version === current.version;
    return busy ? `${ref.name}: ${state ?? 'update accepted'} — ${run}/${desired} running` : undefined;
  });
  const after = await sw.service(ref.id);
  const message = settled
    ? `${plan.summary}: done${after.updateStatus ? ` (${after.updateStatus.state})` : ''}`
    : `${plan.summary}: sent, but not settled within ${plan.waitSeconds}s — the swarm goes on by itself; see fleetdeck tasks ${ref.name}`;
  return {
    message,
    details: { service: ref.name, settled, updateStatus: after.updateStatus?.state ?? null },
  };
}

async function runNode(plan: SwarmOpPlan, ctx: RunContext, sw: SwarmMutations): Promise<RunReport> {
  const ref = plan.node;
  if (!ref || !sw.node || !sw.updateNode)
    throw new ActionFailed(`${plan.manager}: node updates are not available here — nothing was sent`);
  const node = await sw.node(ref.id);
  const availability = plan.kind === 'node-drain' ? 'drain' : 'active';
  await sw.updateNode(ref.id, node.version, { ...node.spec, Availability: availability });
  ctx.progress({ host: plan.manager, message: `${ref.hostname} set to ${availability}` });
  if (plan.kind === 'node-activate')
    return { message: `${plan.summary}: done`, details: { node: ref.hostname } };
  const services = [...new Set(plan.moving.map((m) => m.service))];
  const all = await sw.services();
  const ids = all.filter((s) => services.includes(s.name)).map((s) => s.id);
  const settled = await waitFor(plan, ctx, async () => {
    const lists = await Promise.all(ids.map((id) => sw.tasks(id)));
    const left = lists.flat().filter((t) => t.nodeId === ref.id && t.state === 'running').length;
    return left === 0 ? undefined : `${ref.hostname}: ${left} task(s) still running there`;
  });
  return {
    message: settled
      ? `${plan.summary}: done, no task runs on ${ref.hostname}`
      : `${plan.summary}: drained, but tasks still ran there after ${plan.waitSeconds}s — see fleetdeck nodes`,
    details: { node: ref.hostname, moved: plan.moving.length, settled },
  };
}

/** Scale, force-update, rollback of a service; drain/activate of a node: one request, then follow. */
export function runSwarmOp(plan: SwarmOpPlan, ctx: RunContext): Promise<RunReport> {
  const sw = swarmOf(plan, ctx);
  return plan.kind === 'node-drain' || plan.kind === 'node-activate'
    ? runNode(plan, ctx, sw)
    : runService(plan, ctx, sw);
}

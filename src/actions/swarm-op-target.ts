import type { SwarmState } from '../domain/swarm.js';
import type { SwarmTarget } from '../domain/target.js';
import { planSwarmOp, type SwarmOp } from './planners/swarm-ops-plan.js';
import { PlanError } from './planners/signal-plan.js';
import type { ActionKind, SwarmOpPlan } from './types.js';

export type SwarmOpKind = Extract<
  ActionKind,
  'swarm-scale' | 'swarm-force-update' | 'swarm-rollback' | 'node-drain' | 'node-activate'
>;

/** The swarm a service or node target is in: the one it names, else the only one that has it. */
function stateOf(states: readonly SwarmState[], target: SwarmTarget): SwarmState {
  const ref = target.kind === 'service' ? target.service : target.node;
  const has = (s: SwarmState): boolean =>
    target.kind === 'service'
      ? s.services.some((x) => x.name === ref || x.id === ref)
      : s.nodes.some((n) => n.hostname === ref || n.id === ref);
  const hits = states.filter((s) => (target.swarm === undefined || s.swarm === target.swarm) && has(s));
  const [only] = hits;
  if (only && hits.length === 1) return only;
  const read = states.map((s) => s.swarm).join(', ') || 'none read yet';
  throw new PlanError(
    hits.length === 0
      ? `no ${target.kind} "${ref}" in the swarms read (${read}) — is its manager answering? (fleetdeck ${target.kind}s)`
      : `${target.kind} "${ref}" is in swarms ${hits.map((h) => h.swarm).join(', ')} — pick it in one swarm's row`,
  );
}

/**
 * A dashboard row's swarm action planned from the swarm's state as last read by its source (the
 * runner re-reads the service or node and sends its version, so a stale read cannot clobber).
 */
export function planSwarmTarget(
  kind: SwarmOpKind,
  target: SwarmTarget,
  states: readonly SwarmState[],
  replicas: number | undefined,
): SwarmOpPlan {
  const state = stateOf(states, target);
  let op: SwarmOp;
  if (target.kind === 'node') {
    if (kind !== 'node-drain' && kind !== 'node-activate')
      throw new PlanError(`${kind} takes a service, not node ${target.node}`);
    op = { op: kind === 'node-drain' ? 'drain' : 'activate', node: target.node };
  } else if (kind === 'swarm-scale') {
    if (replicas === undefined) throw new PlanError('scale needs the number of replicas');
    op = { op: 'scale', service: target.service, replicas };
  } else if (kind === 'swarm-force-update' || kind === 'swarm-rollback') {
    op = { op: kind === 'swarm-force-update' ? 'force-update' : 'rollback', service: target.service };
  } else {
    throw new PlanError(`${kind} takes a node, not service ${target.service}`);
  }
  return planSwarmOp(state, op);
}

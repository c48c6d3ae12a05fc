import type { SwarmServiceInfo, SwarmState, SwarmTaskInfo } from '../../domain/swarm.js';
import { PlanError } from './signal-plan.js';
import type { SwarmOpPlan, SwarmTaskRef } from '../types.js';

/*
 * Plans of Swarm service and node changes, from one read of the swarm. Pure: the runner
 * re-reads the service or node and sends its current version, so a stale plan cannot clobber.
 */

export type SwarmOp =
  | { op: 'scale'; service: string; replicas: number }
  | { op: 'force-update'; service: string }
  | { op: 'rollback'; service: string }
  | { op: 'drain'; node: string }
  | { op: 'activate'; node: string };

const WAIT_SECONDS = 120;

function taskRef(state: SwarmState, t: SwarmTaskInfo): SwarmTaskRef {
  const service = state.services.find((s) => s.id === t.serviceId)?.name ?? t.serviceId.slice(0, 12);
  return { name: `${service}.${t.slot ?? t.nodeId.slice(0, 12)}`, id: t.id, service };
}

const live = (t: SwarmTaskInfo): boolean => t.desiredState === 'running';

function serviceOf(state: SwarmState, ref: string): SwarmServiceInfo {
  const found = state.services.find((s) => s.name === ref || s.id === ref);
  if (!found) {
    const known = state.services.map((s) => s.name).slice(0, 10);
    throw new PlanError(
      `swarm ${state.swarm}: no service "${ref}" (asked ${state.manager}) — known: ${known.join(', ') || 'none'}`,
    );
  }
  return found;
}

export function planSwarmOp(state: SwarmState, op: SwarmOp): SwarmOpPlan {
  const base = {
    swarm: state.swarm,
    manager: state.manager,
    hosts: [state.manager],
    waitSeconds: WAIT_SECONDS,
  };
  if (op.op === 'drain' || op.op === 'activate') {
    const node = state.nodes.find((n) => n.hostname === op.node || n.id === op.node);
    if (!node) {
      throw new PlanError(
        `swarm ${state.swarm}: no node "${op.node}" — known: ${state.nodes.map((n) => n.hostname).join(', ')}`,
      );
    }
    const moving =
      op.op === 'drain'
        ? state.tasks.filter((t) => t.nodeId === node.id && live(t)).map((t) => taskRef(state, t))
        : [];
    const target = `node:${node.hostname}`;
    const drain = op.op === 'drain';
    return {
      ...base,
      kind: drain ? 'node-drain' : 'node-activate',
      target,
      node: { id: node.id, hostname: node.hostname },
      moving,
      summary: drain
        ? `drain node ${node.hostname} of swarm ${state.swarm}: ${moving.length} task(s) move to other nodes`
        : `activate node ${node.hostname} of swarm ${state.swarm} (now ${node.availability}): new tasks may be placed on it`,
      steps: [
        `set availability of ${node.hostname} to ${drain ? 'drain' : 'active'} through ${state.manager}`,
        ...moving.map((m) => `${m.name} (${m.id.slice(0, 12)}) moves off ${node.hostname}`),
        ...(drain ? [`wait up to ${WAIT_SECONDS}s until no task runs on ${node.hostname}`] : []),
      ],
      confirmation: drain
        ? { mode: 'type', text: node.hostname, prompt: `type the node name "${node.hostname}" to drain it` }
        : { mode: 'yes-no', prompt: `activate ${node.hostname}?` },
      params: {
        swarm: state.swarm,
        node: node.hostname,
        nodeId: node.id,
        availability: drain ? 'drain' : 'active',
      },
    };
  }
  const service = serviceOf(state, op.service);
  const target = `service:${service.name}`;
  const svc = {
    id: service.id,
    name: service.name,
    ...(service.replicas !== undefined ? { replicas: service.replicas } : {}),
  };
  const typeName = {
    mode: 'type' as const,
    text: service.name,
    prompt: `type the service name "${service.name}" to go on`,
  };
  if (op.op === 'scale') {
    if (service.mode !== 'replicated')
      throw new PlanError(
        `service ${service.name} is global: it runs one task per node and cannot be scaled`,
      );
    if (!Number.isInteger(op.replicas) || op.replicas < 0)
      throw new PlanError(`scale takes a whole number of replicas ≥ 0 (got ${op.replicas})`);
    const tasks = state.tasks
      .filter((t) => t.serviceId === service.id && live(t))
      .sort((a, b) => (b.slot ?? 0) - (a.slot ?? 0));
    const stopping = Math.max(0, tasks.length - op.replicas);
    const moving = tasks.slice(0, stopping).map((t) => taskRef(state, t));
    return {
      ...base,
      kind: 'swarm-scale',
      target,
      service: svc,
      replicas: op.replicas,
      moving,
      summary: `scale service ${service.name} of swarm ${state.swarm} from ${service.replicas ?? tasks.length} to ${op.replicas} replicas`,
      steps: [
        `set Replicas=${op.replicas} on ${service.name} through ${state.manager}`,
        ...(stopping > 0
          ? [`the swarm stops ${stopping} task(s), likely ${moving.map((m) => m.name).join(', ')}`]
          : []),
        `wait up to ${WAIT_SECONDS}s until ${op.replicas} task(s) run`,
      ],
      confirmation:
        op.replicas === 0 ? typeName : { mode: 'yes-no', prompt: `scale ${service.name} to ${op.replicas}?` },
      params: {
        swarm: state.swarm,
        service: service.name,
        from: service.replicas ?? null,
        replicas: op.replicas,
      },
    };
  }
  if (op.op === 'rollback' && !service.hasPreviousSpec) {
    throw new PlanError(
      `service ${service.name} has no previous spec to roll back to (it was never updated)`,
    );
  }
  const tasks = state.tasks
    .filter((t) => t.serviceId === service.id && live(t))
    .map((t) => taskRef(state, t));
  const force = op.op === 'force-update';
  return {
    ...base,
    kind: force ? 'swarm-force-update' : 'swarm-rollback',
    target,
    service: svc,
    moving: tasks,
    summary: force
      ? `force-update service ${service.name} of swarm ${state.swarm}: every task is replaced with the same spec`
      : `roll service ${service.name} of swarm ${state.swarm} back to its previous spec`,
    steps: [
      force
        ? `bump TaskTemplate.ForceUpdate on ${service.name} through ${state.manager}`
        : `ask ${state.manager} to roll ${service.name} back (rollback=previous)`,
      `the swarm replaces ${tasks.length} task(s) with its own update settings`,
      `wait up to ${WAIT_SECONDS}s for the update to settle`,
    ],
    confirmation: typeName,
    params: { swarm: state.swarm, service: service.name },
  };
}

import type { SwarmService, SwarmServiceSpec } from '../../docker/mutations/index.js';
import type { ReplicaOrder, SwarmRedeployPlan } from '../types.js';
import { confirmationFor } from './confirmation.js';
import { describeLoad, planImageLoads } from './image-loads.js';
import { parseBatch } from './redeploy-plan.js';
import { PlanError } from './signal-plan.js';

export interface SwarmRedeployPlanInput {
  role: string;
  image: string;
  service: SwarmService;
  /** Tasks of the service running now (a `P%` batch counts them). */
  runningTasks: number;
  /** How the role named the service: its own name, or the role label of its task containers. */
  matchedBy: 'service-name' | 'task-label';
  /** Fleet hosts running its tasks, and the fleet hosts (tasks or not) where the image is present. */
  taskHosts: readonly string[];
  imagePresentOn: readonly string[];
  /** Fleet hosts that did not answer whether they hold the image (never chosen as a source). */
  downHosts?: readonly string[];
  /** Running tasks on nodes that are not fleet hosts (their images cannot be checked). */
  tasksOutsideFleet: number;
  batch?: string;
  waitSeconds?: number;
  healthTimeoutSeconds?: number;
}

const NS_PER_S = 1_000_000_000;
/** Update states in which the swarm is still rolling: another update must wait. */
export const SWARM_BUSY_STATES: readonly string[] = ['updating', 'rollback_started'];

function orderFor(service: SwarmService): { order: ReplicaOrder; reason: string } {
  const ports = service.publishedPorts.map((p) => `${p.published}/${p.protocol} (${p.mode})`);
  return ports.length > 0
    ? {
        order: 'stop-first',
        reason: `publishes port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}: an old task stops before its new one starts`,
      }
    : { order: 'start-first', reason: 'no published ports: a new task starts before its old one stops' };
}

/** A role that is a Swarm service: one service update, rolled and rolled back by the swarm itself. */
export function planSwarmRedeploy(input: SwarmRedeployPlanInput): SwarmRedeployPlan {
  const { service, role, image } = input;
  const target = `role:${role}`;
  const where = `Swarm service ${service.name} on ${service.host}`;
  const busy = service.updateStatus && SWARM_BUSY_STATES.includes(service.updateStatus.state);
  if (busy) {
    throw new PlanError(
      `${where} is already ${service.updateStatus!.state.replace('_', ' ')} (${service.updateStatus!.message}) — wait for it to finish (\`docker service ps ${service.name}\`), then redeploy again`,
    );
  }
  if (input.runningTasks === 0) {
    throw new PlanError(
      `${where} runs no tasks — scale it up first (\`docker service scale ${service.name}=N\`); nothing to roll`,
    );
  }
  // A node reachable over SSH (under hosts:) that lacks the image gets it from a host that has it,
  // as a host redeploy does: no registry is asked. None has it: refused, nothing changed.
  const loads = planImageLoads({
    image,
    targets: input.taskHosts,
    presentOn: input.imagePresentOn,
    ...(input.downHosts ? { down: input.downHosts } : {}),
  });
  const batchSize = parseBatch(input.batch, input.runningTasks);
  const waitSeconds = input.waitSeconds ?? 5;
  const healthTimeoutSeconds = input.healthTimeoutSeconds ?? 60;
  const { order, reason } = orderFor(service);
  const sameImage = service.image === image;
  const forceUpdate = sameImage ? (service.spec.TaskTemplate?.ForceUpdate ?? 0) + 1 : undefined;
  const tasks = input.runningTasks;

  const how =
    input.matchedBy === 'service-name'
      ? `service ${service.name}`
      : `service ${service.name} (its task containers carry the role label ${role})`;
  const steps = [
    `role ${role} is Swarm ${how}, id ${service.id.slice(0, 12)}, version ${service.version}: ${tasks} running task${tasks === 1 ? '' : 's'} of ${service.image}`,
  ];
  if (input.taskHosts.length > 0) steps.push(`check ${image} is present on ${input.taskHosts.join(', ')}`);
  steps.push(...loads.map(describeLoad));
  if (input.tasksOutsideFleet > 0) {
    steps.push(
      `${input.tasksOutsideFleet} task${input.tasksOutsideFleet === 1 ? ' runs' : 's run'} on nodes not under hosts: (no SSH to them): a node there without ${image} pulls it from its registry when its task is replaced`,
    );
  }
  steps.push(
    sameImage
      ? `update the service on ${service.host} (version ${service.version}): image unchanged, ForceUpdate ${forceUpdate! - 1} → ${forceUpdate} replaces every task`
      : `update the service on ${service.host} (version ${service.version}): image ${image}, used as given — no registry query (--no-resolve-image)`,
    `the swarm rolls ${batchSize} task${batchSize === 1 ? '' : 's'} at a time, ${waitSeconds} s between batches, watching each new task ${healthTimeoutSeconds} s; order ${order} (${reason})`,
    `a failed task makes the swarm roll the whole service back to ${service.image} (FailureAction rollback); the redeploy then fails`,
    `follow UpdateStatus and the tasks on ${service.host} until completed or rolled back`,
  );
  const loaded = loads.length > 0 ? `, after loading the image on ${loads.map((l) => l.to).join(', ')}` : '';
  const summary = `redeploy ${target} to ${image}: Swarm service ${service.name} on ${service.host}, ${tasks} task${tasks === 1 ? '' : 's'}, ${batchSize} at a time${loaded}`;
  return {
    kind: 'redeploy',
    via: 'swarm',
    target,
    summary,
    steps,
    hosts: [...new Set([service.host, ...loads.map((l) => l.to)])],
    confirmation: confirmationFor(target, summary, true),
    params: {
      image,
      batch: batchSize,
      waitSeconds,
      healthTimeoutSeconds,
      swarmService: service.name,
      ...(loads.length ? { loads: loads.map((l) => `${l.from}->${l.to}`) } : {}),
    },
    loads,
    role,
    image,
    manager: service.host,
    service: { id: service.id, name: service.name, version: service.version, image: service.image, tasks },
    update: {
      parallelism: batchSize,
      delaySeconds: waitSeconds,
      failureAction: 'rollback',
      monitorSeconds: healthTimeoutSeconds,
      maxFailureRatio: 0,
      order,
    },
    orderReason: reason,
    ...(forceUpdate !== undefined ? { forceUpdate } : {}),
    batchSize,
    waitSeconds,
    healthTimeoutSeconds,
  };
}

/**
 * The spec to send: the service's current spec with the plan's image, update settings and (when
 * the image is unchanged) ForceUpdate — every other field as the daemon gave it.
 */
export function swarmUpdateSpec(current: SwarmServiceSpec, plan: SwarmRedeployPlan): SwarmServiceSpec {
  const template = current.TaskTemplate ?? {};
  return {
    ...current,
    TaskTemplate: {
      ...template,
      ContainerSpec: { ...(template.ContainerSpec ?? {}), Image: plan.image },
      ...(plan.forceUpdate !== undefined ? { ForceUpdate: plan.forceUpdate } : {}),
    },
    UpdateConfig: {
      ...(current.UpdateConfig ?? {}),
      Parallelism: plan.update.parallelism,
      Delay: Math.round(plan.update.delaySeconds * NS_PER_S),
      FailureAction: plan.update.failureAction,
      Monitor: Math.round(plan.update.monitorSeconds * NS_PER_S),
      MaxFailureRatio: plan.update.maxFailureRatio,
      Order: plan.update.order,
    },
  };
}

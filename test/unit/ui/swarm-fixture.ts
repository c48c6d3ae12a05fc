import type { SwarmNode, SwarmServiceInfo, SwarmState, SwarmTaskInfo } from '../../../src/domain/swarm.js';
import type { SwarmView } from '../../../src/fleet/swarm/swarm-view.js';
import { T0 } from './support.js';

/** A 3-node swarm `prod`: m1 (leader), w1, w2; services web (3 replicas) and api (2, one failing). */
export function node(hostname: string, extra: Partial<SwarmNode> = {}): SwarmNode {
  return {
    id: `id-${hostname}`,
    hostname,
    role: 'worker',
    leader: false,
    availability: 'active',
    status: 'ready',
    engineVersion: '24.0.7',
    labels: {},
    ...extra,
  };
}

export function service(
  name: string,
  replicas: number,
  extra: Partial<SwarmServiceInfo> = {},
): SwarmServiceInfo {
  return {
    id: `svc-${name}`,
    name,
    version: 10,
    image: `registry.example.com/${name}:1.0`,
    mode: 'replicated',
    replicas,
    hasPreviousSpec: true,
    labels: {},
    ...extra,
  };
}

export function task(
  svc: string,
  slot: number,
  on: string,
  extra: Partial<SwarmTaskInfo> = {},
): SwarmTaskInfo {
  return {
    id: `task-${svc}-${slot}-${on}`,
    serviceId: `svc-${svc}`,
    slot,
    nodeId: `id-${on}`,
    image: `registry.example.com/${svc}:1.0`,
    state: 'running',
    desiredState: 'running',
    message: 'started',
    since: T0 - 60_000,
    ...extra,
  };
}

export function prodState(over: Partial<SwarmState> = {}): SwarmState {
  return {
    swarm: 'prod',
    manager: 'prod-manager-1',
    cluster: { id: 'c1', managerNodeId: 'id-m1', managers: 1, nodes: 3 },
    nodes: [node('m1', { role: 'manager', leader: true }), node('w1'), node('w2')],
    services: [service('web', 3), service('api', 2)],
    tasks: [
      task('web', 1, 'w1'),
      task('web', 2, 'w2'),
      task('web', 3, 'w2', { image: 'registry.example.com/web:0.9' }),
      task('api', 1, 'w1'),
      task('api', 2, 'w2', { state: 'pending', message: 'pending' }),
      task('api', 2, 'w1', {
        id: 'task-api-2-old',
        state: 'failed',
        desiredState: 'shutdown',
        error: 'task: non-zero exit (1)',
        since: T0 - 120_000,
      }),
    ],
    readAt: T0,
    ...over,
  };
}

export function prodView(state: SwarmState = prodState()): SwarmView {
  return { name: 'prod', status: { state: 'up', manager: state.manager, since: T0 - 600_000 }, state };
}

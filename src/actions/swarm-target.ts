import type { Container } from '../domain/container.js';
import type { HostMutations, SwarmService, SwarmTask } from '../docker/mutations/index.js';
import { PlanError } from './planners/signal-plan.js';
import { planSwarmRedeploy } from './planners/swarm-redeploy-plan.js';
import type { SwarmRedeployPlan } from './types.js';

/** Labels the daemon puts on every task container of a Swarm service. */
export const SWARM_SERVICE_NAME_LABEL = 'com.docker.swarm.service.name';
export const SWARM_SERVICE_ID_LABEL = 'com.docker.swarm.service.id';

export interface SwarmRoleMatch {
  service: SwarmService;
  tasks: SwarmTask[];
  matchedBy: 'service-name' | 'task-label';
  /** Fleet hosts holding running task containers of the service. */
  taskHosts: string[];
  /** Running tasks whose containers are on no fleet host. */
  tasksOutsideFleet: number;
}

async function managers(
  hostNames: readonly string[],
  hosts: (name: string) => HostMutations,
): Promise<HostMutations[]> {
  const found = await Promise.all(
    hostNames.map(async (h) => {
      const m = hosts(h);
      if (!m.swarm) return undefined;
      // A host that cannot answer is reported by the container listing; here it is just not a manager.
      const membership = await m.swarm.membership().catch(() => undefined);
      return membership?.state === 'active' && membership.isManager ? m : undefined;
    }),
  );
  return found.filter((m): m is HostMutations => m !== undefined);
}

/**
 * Whether role ROLE is a Swarm service: a service named ROLE, or the service whose task
 * containers carry the role (their role label: `--container-label role=ROLE`), as seen from the
 * fleet's Swarm managers. Task containers are those with `com.docker.swarm.service.name`. Undefined when the role is plain containers. A role whose containers
 * are Swarm tasks but with no manager in the fleet is refused: replacing tasks one by one would
 * fight the orchestrator.
 */
export async function findSwarmRole(
  role: string,
  listed: readonly Container[],
  hostNames: readonly string[],
  hosts: (name: string) => HostMutations,
): Promise<SwarmRoleMatch | undefined> {
  const taskContainers = listed.filter((c) => {
    const service = c.labels[SWARM_SERVICE_NAME_LABEL];
    return service !== undefined && (service === role || c.role === role);
  });
  const labelled = new Set(taskContainers.map((c) => c.labels[SWARM_SERVICE_NAME_LABEL]!));
  const mgrs = (await managers(hostNames, hosts)).sort((a, b) => a.host.localeCompare(b.host));
  const candidates: Array<{ service: SwarmService; matchedBy: SwarmRoleMatch['matchedBy'] }> = [];
  for (const m of mgrs) {
    for (const s of await m.swarm!.services()) {
      if (s.name === role) candidates.push({ service: s, matchedBy: 'service-name' });
      else if (labelled.has(s.name)) candidates.push({ service: s, matchedBy: 'task-label' });
    }
  }
  // Several managers of one swarm list the same service: the first (by host name) speaks for it.
  const byId = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) if (!byId.has(c.service.id)) byId.set(c.service.id, c);
  const unique = [...byId.values()];
  if (unique.length === 0) {
    if (taskContainers.length > 0) {
      const where = [...new Set(taskContainers.map((c) => c.host))].join(', ');
      throw new PlanError(
        `role ${role} runs as Swarm service ${[...labelled].join(', ')} (tasks on ${where}), but no host of the fleet is a Swarm manager — ` +
          'add a manager to the fleet file, or update the service there (`docker service update --image …`)',
      );
    }
    return undefined;
  }
  if (unique.length > 1) {
    throw new PlanError(
      `role ${role} matches ${unique.length} Swarm services (${unique.map((c) => `${c.service.name} on ${c.service.host}`).join(', ')}) — give the services distinct names or role labels`,
    );
  }
  const { service, matchedBy } = unique[0]!;
  const tasks = await hosts(service.host).swarm!.tasks(service.id);
  const running = tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');
  const runningIds = new Set(running.flatMap((t) => (t.containerId ? [t.containerId] : [])));
  const inFleet = listed.filter(
    (c) => c.labels[SWARM_SERVICE_ID_LABEL] === service.id && runningIds.has(c.id),
  );
  return {
    service,
    tasks,
    matchedBy,
    taskHosts: [...new Set(inFleet.map((c) => c.host))].sort(),
    tasksOutsideFleet: Math.max(0, running.length - inFleet.length),
  };
}

export interface SwarmRedeployParams {
  role: string;
  image: string;
  batch?: string;
  waitSeconds?: number;
  healthTimeoutSeconds?: number;
  migrate?: string;
}

/** The plan for a role found to be a Swarm service: image checked on the fleet hosts running its tasks. */
export async function planSwarmRoleRedeploy(
  match: SwarmRoleMatch,
  p: SwarmRedeployParams,
  hosts: (name: string) => HostMutations,
  /** Every fleet host: one that has the image can load it on a node that lacks it. */
  hostNames: readonly string[] = match.taskHosts,
): Promise<SwarmRedeployPlan> {
  if (p.migrate) {
    throw new PlanError(
      `role ${p.role} is Swarm service ${match.service.name}: --migrate is not supported for Swarm services — run the migration as a one-off (\`docker run --rm ${p.image} …\`) first`,
    );
  }
  const asked = [...new Set([...match.taskHosts, ...hostNames])];
  const answers = await Promise.allSettled(asked.map((h) => hosts(h).imagePresent(p.image)));
  const present = asked.map((h, i) => {
    const a = answers[i];
    return a?.status === 'fulfilled' && a.value ? h : undefined;
  });
  const downHosts = asked.filter((_, i) => answers[i]?.status === 'rejected');
  const unknown = match.taskHosts.filter((h) => downHosts.includes(h));
  if (unknown.length > 0) {
    throw new PlanError(
      `cannot tell whether ${unknown.join(', ')} (running tasks of Swarm service ${match.service.name}) hold ${p.image}: they did not answer — nothing was changed; check them and redeploy again`,
    );
  }
  const running = match.tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');
  return planSwarmRedeploy({
    role: p.role,
    image: p.image,
    service: match.service,
    runningTasks: running.length,
    matchedBy: match.matchedBy,
    taskHosts: match.taskHosts,
    imagePresentOn: present.filter((h): h is string => h !== undefined),
    downHosts,
    tasksOutsideFleet: match.tasksOutsideFleet,
    ...(p.batch !== undefined ? { batch: p.batch } : {}),
    ...(p.waitSeconds !== undefined ? { waitSeconds: p.waitSeconds } : {}),
    ...(p.healthTimeoutSeconds !== undefined ? { healthTimeoutSeconds: p.healthTimeoutSeconds } : {}),
  });
}

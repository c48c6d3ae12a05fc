import { chooseManager } from '../../docker/swarm-manager.js';
import type { SwarmReader } from '../../docker/swarm-read.js';
import type { SwarmState } from '../../domain/swarm.js';

export type SwarmReadResult =
  { ok: true; state: SwarmState; failures: string[] } | { ok: false; swarm: string; message: string };

/**
 * One look at a swarm for a command: a manager chosen as the dashboard would, then services
 * and every task the manager still keeps (the failed ones carry the errors). Four GETs to the
 * chosen manager and one `/info` to each other one.
 */
export async function readSwarmOnce(
  swarm: string,
  readers: readonly SwarmReader[],
  now: () => number,
): Promise<SwarmReadResult> {
  const selection = await chooseManager(swarm, readers);
  if (!selection.ok) return { ok: false, swarm, message: selection.message };
  const { reader, cluster, nodes } = selection.choice;
  try {
    const [services, tasks] = await Promise.all([reader.services(), reader.tasks()]);
    return {
      ok: true,
      state: { swarm, manager: reader.manager, cluster, nodes, services, tasks, readAt: now() },
      failures: selection.failures.map((f) => f.problem.message),
    };
  } catch (err) {
    return {
      ok: false,
      swarm,
      message: `swarm ${swarm}: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

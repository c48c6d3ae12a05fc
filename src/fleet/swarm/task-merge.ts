import type { SwarmTaskInfo } from '../../domain/swarm.js';

/**
 * Replaces the tasks the swarm wants running with a fresh list of them (in place). Returns the
 * services of tasks that left the running set: they failed, finished or were moved, and only
 * their service's full task list (one GET) says how, with the error and its time.
 */
export function mergeRunning(
  tasks: Map<string, SwarmTaskInfo>,
  running: readonly SwarmTaskInfo[],
): Set<string> {
  const fresh = new Set(running.map((t) => t.id));
  const changed = new Set<string>();
  for (const [id, t] of tasks) {
    if (t.desiredState !== 'running') continue;
    if (!fresh.has(id)) changed.add(t.serviceId);
    tasks.delete(id);
  }
  for (const t of running) tasks.set(t.id, t);
  return changed;
}

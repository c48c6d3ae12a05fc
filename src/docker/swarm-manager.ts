import type { SwarmClusterInfo, SwarmNode } from '../domain/swarm.js';
import { HostApiError } from './host-api.js';
import type { SwarmReader } from './swarm-read.js';

export interface ManagerChoice {
  reader: SwarmReader;
  cluster: SwarmClusterInfo;
  /** The nodes as read while choosing (so the first full read need not ask again). */
  nodes: SwarmNode[];
  /** Whether the chosen manager is the Raft leader (false: the leader was not among ours, or down). */
  leader: boolean;
}

export type ManagerSelection =
  | { ok: true; choice: ManagerChoice; failures: HostApiError[] }
  | { ok: false; failures: HostApiError[]; message: string };

function asHostError(manager: string, err: unknown): HostApiError {
  return err instanceof HostApiError
    ? err
    : new HostApiError(manager, { code: 'unknown', message: `${manager}: ${String(err)}` });
}

/**
 * One manager to read the swarm from: every listed manager is asked `/info` at once (each under
 * its own deadlines); the leader wins when it is one of ours and answered, else the first
 * manager in file order that answered. Reads on any manager are consistent (they forward to the
 * leader), so preferring the leader only saves that hop; failing over needs no more than this.
 */
export async function chooseManager(
  swarm: string,
  readers: readonly SwarmReader[],
): Promise<ManagerSelection> {
  const answers = await Promise.all(
    readers.map(async (reader) => {
      try {
        return { reader, cluster: await reader.cluster() };
      } catch (err) {
        return { reader, error: asHostError(reader.manager, err) };
      }
    }),
  );
  const failures = answers.flatMap((a) => ('error' in a && a.error ? [a.error] : []));
  const up = answers.flatMap((a) =>
    'cluster' in a && a.cluster ? [{ reader: a.reader, cluster: a.cluster }] : [],
  );
  for (const first of up) {
    let nodes: SwarmNode[];
    try {
      nodes = await first.reader.nodes();
    } catch (err) {
      failures.push(asHostError(first.reader.manager, err));
      continue;
    }
    const leaderId = nodes.find((n) => n.leader)?.id;
    const leader = up.find((u) => u.cluster.managerNodeId === leaderId);
    const chosen = leader ?? first;
    return {
      ok: true,
      choice: { reader: chosen.reader, cluster: chosen.cluster, nodes, leader: leader !== undefined },
      failures,
    };
  }
  const said = failures.map((f) => f.problem.message).join('; ');
  return {
    ok: false,
    failures,
    message: `swarm ${swarm}: none of its ${readers.length} manager(s) answered as a manager${said ? ` (${said})` : ''} — check that they run and are still managers (docker node ls on one of them)`,
  };
}

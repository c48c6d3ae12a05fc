import type { FleetConfig } from '../../config/index.js';
import { createSwarmReader, type SwarmReader } from '../../docker/swarm-read.js';
import type { HostSpec } from '../../domain/host.js';
import type { SwarmState } from '../../domain/swarm.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { readSwarmOnce, type SwarmReadResult } from '../../fleet/swarm/read-once.js';
import {
  findService,
  nodeRows,
  serviceRows,
  serviceTasks,
  type JoinableHost,
} from '../../fleet/swarm/swarm-rows.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { outputMode, toJson, type OutputFlags } from '../output/mode.js';
import { nodesJson, nodesTable } from '../output/swarm-nodes.js';
import { servicesJson, servicesTable, taskName, tasksJson, tasksTable } from '../output/swarm-services.js';
import { renderNames } from '../output/table.js';
import { unlockSshKeys } from '../ssh-auth.js';
import { openTargets } from '../targets.js';

/** The managers of each swarm as readers, and how to let go of their connections. */
export interface OpenedSwarms {
  swarms: Array<{ name: string; readers: SwarmReader[] }>;
  close(): Promise<void>;
}

/** How a command reaches the managers; tests pass fakes. */
export type OpenSwarms = (config: FleetConfig, opts: { readOnly: boolean }) => Promise<OpenedSwarms>;

/** The real managers: one gateway each on one SSH pool, as `openTargets` builds for hosts. */
export const openSwarmManagers: OpenSwarms = async (config, opts) => {
  const swarms = config.swarms ?? [];
  const managerConfig: FleetConfig = { ...config, hosts: swarms.flatMap((s) => s.managers) };
  await unlockSshKeys(managerConfig);
  const fleet = openTargets(managerConfig, opts);
  const byName = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
  return {
    swarms: swarms.map((s) => ({
      name: s.name,
      readers: s.managers.flatMap((m) => {
        const api = byName.get(m.name);
        return api ? [createSwarmReader(api)] : [];
      }),
    })),
    close: () => fleet.close(),
  };
};

export interface SwarmCommandDeps {
  open?: OpenSwarms;
  /** Loads the fleet; default the fleet file of the flags. */
  load?: (flags: ConfigFlags, env: NodeJS.ProcessEnv) => Promise<FleetConfig>;
}

/** The fleet's own hosts, for joining nodes to `hosts:` entries. */
export function joinableHosts(hosts: readonly HostSpec[]): JoinableHost[] {
  return hosts.map((h) => ({ name: h.name, ...(h.kind === 'ssh' ? { sshHost: h.ssh.host } : {}) }));
}

interface SwarmReads {
  config: FleetConfig;
  states: SwarmState[];
  down: Array<{ swarm: string; message: string }>;
}

async function readSwarms(flags: ConfigFlags, io: CommandIo, deps: SwarmCommandDeps): Promise<SwarmReads> {
  const config = await (deps.load ?? loadConfig)(flags, io.env);
  if (!config.swarms?.length) {
    throw new UserError(
      'no swarms in the fleet — add a swarms: entry with its managers to the fleet file (see README "Swarm")',
      EXIT_BAD_INPUT,
    );
  }
  const opened = await (deps.open ?? openSwarmManagers)(config, { readOnly: true });
  try {
    const results: SwarmReadResult[] = await Promise.all(
      opened.swarms.map((s) => readSwarmOnce(s.name, s.readers, io.now)),
    );
    const states: SwarmState[] = [];
    const down: SwarmReads['down'] = [];
    for (const r of results) {
      if (r.ok) states.push(r.state);
      else down.push({ swarm: r.swarm, message: r.message });
    }
    return { config, states, down };
  } finally {
    await opened.close();
  }
}

function finish(reads: SwarmReads, io: CommandIo, json: boolean): number {
  if (!json) for (const d of reads.down) io.stderr.write(`warning: ${sanitizeLine(d.message)}\n`);
  return reads.down.length > 0 ? EXIT_SOME_HOSTS_UNREACHABLE : EXIT_OK;
}

const unreachableJson = (reads: SwarmReads) => reads.down.map((d) => ({ swarm: d.swarm, reason: d.message }));

export async function nodesCommand(
  flags: ConfigFlags & OutputFlags,
  io: CommandIo,
  deps: SwarmCommandDeps = {},
): Promise<number> {
  const mode = outputMode(flags);
  const reads = await readSwarms(flags, io, deps);
  const hosts = joinableHosts(reads.config.hosts);
  const rows = reads.states.flatMap((s) => nodeRows(s, hosts));
  io.stdout.write(
    mode === 'json'
      ? toJson({ nodes: nodesJson(rows), unreachable: unreachableJson(reads) })
      : mode === 'name'
        ? renderNames(rows.map((r) => r.node.hostname))
        : nodesTable(rows, { wide: mode === 'wide', headers: flags.headers }),
  );
  return finish(reads, io, mode === 'json');
}

export async function servicesCommand(
  flags: ConfigFlags & OutputFlags,
  io: CommandIo,
  deps: SwarmCommandDeps = {},
): Promise<number> {
  const mode = outputMode(flags);
  const reads = await readSwarms(flags, io, deps);
  const rows = reads.states.flatMap(serviceRows);
  io.stdout.write(
    mode === 'json'
      ? toJson({ services: servicesJson(rows), unreachable: unreachableJson(reads) })
      : mode === 'name'
        ? renderNames(rows.map((r) => r.service.name))
        : servicesTable(rows, io.now(), { wide: mode === 'wide', headers: flags.headers }),
  );
  return finish(reads, io, mode === 'json');
}

/** `SWARM/NAME` or `NAME` (an id or unique id prefix too); a name in two swarms must say which. */
function locateService(states: readonly SwarmState[], ref: string) {
  const slash = ref.indexOf('/');
  const [swarm, name] = slash > 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : [undefined, ref];
  const found = states
    .filter((s) => swarm === undefined || s.swarm === swarm)
    .flatMap((state) => {
      const service = findService(state, name);
      return service ? [{ state, service }] : [];
    });
  if (found.length > 1) {
    throw new UserError(
      `service "${sanitizeLine(ref)}" is in swarms ${found.map((f) => f.state.swarm).join(', ')} — name one: ${found[0]?.state.swarm}/${name}`,
      EXIT_BAD_INPUT,
    );
  }
  return found[0];
}

export async function tasksCommand(
  ref: string,
  flags: ConfigFlags & OutputFlags,
  io: CommandIo,
  deps: SwarmCommandDeps = {},
): Promise<number> {
  const mode = outputMode(flags);
  const reads = await readSwarms(flags, io, deps);
  const found = locateService(reads.states, ref);
  if (!found) {
    const known = reads.states.flatMap((s) => s.services.map((x) => x.name)).slice(0, 10);
    const unread = reads.down.length > 0 ? ` (not read: ${reads.down.map((d) => d.swarm).join(', ')})` : '';
    throw new UserError(
      `no service "${sanitizeLine(ref)}" in the swarms read${unread} — known: ${known.join(', ') || 'none'} (fleetdeck services lists them)`,
      EXIT_BAD_INPUT,
    );
  }
  const { state, service } = found;
  const tasks = serviceTasks(state, service.id);
  io.stdout.write(
    mode === 'json'
      ? toJson({ tasks: tasksJson(service.name, state.swarm, tasks), unreachable: unreachableJson(reads) })
      : mode === 'name'
        ? renderNames(tasks.map((t) => taskName(service.name, t)))
        : tasksTable(service.name, tasks, io.now(), { wide: mode === 'wide', headers: flags.headers }),
  );
  return finish(reads, io, mode === 'json');
}

import { formatKeyPath } from './fleet-config-error.js';
import type { HostDraft } from './host-draft.js';
import type { ParsedFleetFile } from './parse-fleet.js';
import { expandTilde } from './paths.js';
import type { HostEntry, SwarmEntry } from './schema.js';
import { parseSshTarget } from './ssh-target.js';

function entryToDraft(entry: HostEntry, origin: HostDraft['origin'], homedir: string): HostDraft {
  const group = entry.group !== undefined ? { group: entry.group } : {};
  if (entry.docker !== undefined) {
    // The schema only lets unix:///abs/path through.
    return {
      kind: 'local',
      name: entry.name,
      ...group,
      socketPath: entry.docker.slice('unix://'.length),
      origin,
    };
  }
  // The schema checked that ssh (and proxyJump) parse.
  const target = parseSshTarget(entry.ssh ?? '') ?? { host: entry.ssh ?? '' };
  const draft: HostDraft = { kind: 'ssh', name: entry.name, ...group, target, socket: entry.socket, origin };
  if (entry.identityFile !== undefined) {
    const files = typeof entry.identityFile === 'string' ? [entry.identityFile] : entry.identityFile;
    draft.identityFiles = files.map((file) => expandTilde(file, homedir));
  }
  if (entry.proxyJump !== undefined) {
    draft.proxyJump =
      entry.proxyJump === 'none'
        ? 'none'
        : entry.proxyJump.split(',').map((hop) => parseSshTarget(hop.trim()) ?? { host: hop.trim() });
  }
  if (entry.hostKeyPolicy !== undefined) draft.hostKeyPolicy = entry.hostKeyPolicy;
  return draft;
}

/** The fleet file's hosts, in file order, each remembering its line for later errors. */
export function draftsFromFleetFile(parsed: ParsedFleetFile, homedir: string): HostDraft[] {
  return parsed.fleet.hosts.map((entry, index) =>
    entryToDraft(
      entry,
      { file: parsed.file, line: parsed.hostLines[index], path: formatKeyPath(['hosts', index]) },
      homedir,
    ),
  );
}

/** A swarm's managers as drafts, named `SWARM-manager-N` unless the entry names itself. */
export interface SwarmDraft {
  name: string;
  managers: HostDraft[];
}

export function swarmDraftsFromFleetFile(parsed: ParsedFleetFile, homedir: string): SwarmDraft[] {
  return parsed.fleet.swarms.map((swarm: SwarmEntry, s) => ({
    name: swarm.name,
    managers: swarm.managers.map((manager, m) =>
      entryToDraft(
        {
          ...manager,
          name: manager.name ?? `${swarm.name}-manager-${m + 1}`,
          group: manager.group ?? swarm.name,
        },
        {
          file: parsed.file,
          line: parsed.swarmManagerLines[s]?.[m],
          path: formatKeyPath(['swarms', s, 'managers', m]),
        },
        homedir,
      ),
    ),
  }));
}

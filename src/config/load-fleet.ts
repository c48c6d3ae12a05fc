import { homedir as osHomedir, userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { HostSpec } from '../domain/host.js';
import type { SwarmSpec } from '../domain/swarm-spec.js';
import { Semaphore } from '../util/semaphore.js';
import { contextToDraft, selectDockerContexts } from './docker-contexts.js';
import { defaultDockerHost, parseDockerEndpoint } from './docker-endpoint.js';
import { FleetConfigError, type ConfigIssue } from './fleet-config-error.js';
import { draftsFromFleetFile, swarmDraftsFromFleetFile, type SwarmDraft } from './fleet-drafts.js';
import type { HostDraft } from './host-draft.js';
import { readFleetFile } from './parse-fleet.js';
import { locateFleetFile, type Env } from './paths.js';
import { defaultSettings, settingsFromFile, type FleetSettings } from './settings.js';
import { sshHostSpecOf } from './ssh-host-spec.js';
import { SshConfigResolver } from './ssh/resolve-ssh.js';
import type { CommandRunner } from './ssh/run-command.js';

export interface FleetConfig {
  /** The fleet file read; undefined when the fleet came from contexts or the local default. */
  file?: string;
  hosts: HostSpec[];
  /** Swarm clusters of the fleet file, each with its managers resolved like hosts. */
  /** Absent or empty: no swarms (FleetConfigs built by hand, --context fleets). */
  swarms?: SwarmSpec[];
  settings: FleetSettings;
}

export interface LoadFleetOptions {
  /** `--fleet FILE`. */
  fleetFile?: string;
  /** `--context NAME` values (globs allowed). */
  contexts?: string[];
  env: Env;
  homedir: string;
  /** Runs `ssh -G`; injectable for tests. */
  runner?: CommandRunner;
  /** Local user (OpenSSH's default remote user); default os.userInfo(). */
  username?: string;
  /** ssh_config files read when there is no ssh binary; default ~/.ssh/config, /etc/ssh/ssh_config. */
  sshConfigFiles?: string[];
}

/** Spawning many `ssh -G` at once gains nothing on a small machine. */
const RESOLVE_CONCURRENCY = 4;

/**
 * The hosts to watch and the settings to use: fleet file hosts, then `--context` hosts; with
 * neither, the local Docker daemon. Throws FleetConfigError listing every problem found.
 */
export async function loadFleet(opts: LoadFleetOptions): Promise<FleetConfig> {
  const { env, homedir } = opts;
  const contexts = opts.contexts ?? [];
  const location = locateFleetFile({ flag: opts.fleetFile, env, homedir });
  const issues: ConfigIssue[] = [];
  const drafts: HostDraft[] = [];
  let swarmDrafts: SwarmDraft[] = [];
  let settings = defaultSettings(homedir);
  let file: string | undefined;

  if (location.exists) {
    const parsed = await readFleetFile(location.path);
    file = parsed.file;
    settings = settingsFromFile(parsed.fleet, homedir, dirname(parsed.file));
    drafts.push(...draftsFromFleetFile(parsed, homedir));
    swarmDrafts = swarmDraftsFromFleetFile(parsed, homedir);
    // A fleet of swarms only is a fleet: its nodes come from the managers.
    if (drafts.length === 0 && swarmDrafts.length === 0 && contexts.length === 0) {
      issues.push({
        file,
        path: 'hosts',
        message: 'no hosts — add at least one under hosts: or swarms: (or pass --context NAME)',
      });
    }
  } else if (location.source !== 'xdg') {
    const from = location.source === 'flag' ? '--fleet' : '$FLEETDECK_CONFIG';
    throw new FleetConfigError([
      { file: location.path, path: '', message: `fleet file not found (from ${from})` },
    ]);
  }

  if (contexts.length > 0) {
    const selected = await selectDockerContexts(contexts, { env, homedir });
    issues.push(...selected.issues);
    for (const context of selected.contexts) {
      const result = contextToDraft(context);
      if ('draft' in result) drafts.push(result.draft);
      else issues.push(result.issue);
    }
  } else if (!location.exists) {
    const local = localDefaultDraft(env);
    if ('draft' in local) drafts.push(local.draft);
    else issues.push(local.issue);
  }

  const managerDrafts = swarmDrafts.flatMap((swarm) => swarm.managers);
  issues.push(...duplicateAcrossSources([...drafts, ...managerDrafts]));
  const resolver = new SshConfigResolver({
    runner: opts.runner,
    homedir,
    username: opts.username ?? userInfo().username,
    ...(settings.sshConfig ? { configFile: settings.sshConfig } : {}),
    ...(opts.sshConfigFiles ? { configFiles: opts.sshConfigFiles } : {}),
  });
  const hosts = await resolveDrafts(drafts, settings, resolver, issues);
  const swarms = await Promise.all(
    swarmDrafts.map(async (swarm) => ({
      name: swarm.name,
      managers: await resolveDrafts(swarm.managers, settings, resolver, issues),
    })),
  );
  if (issues.length > 0) throw new FleetConfigError(issues);
  return { file, hosts, swarms, settings };
}

/** Tests and tools: load one fleet file with the real environment unless told otherwise. */
export function fleetFromFile(
  path: string,
  opts: Partial<Omit<LoadFleetOptions, 'fleetFile' | 'contexts'>> = {},
): Promise<FleetConfig> {
  return loadFleet({
    ...opts,
    fleetFile: path,
    env: opts.env ?? process.env,
    homedir: opts.homedir ?? osHomedir(),
  });
}

function localDefaultDraft(env: Env): { draft: HostDraft } | { issue: ConfigIssue } {
  const url = defaultDockerHost(env);
  const origin = { file: env.DOCKER_HOST ? '$DOCKER_HOST' : 'default Docker socket', path: '' };
  const endpoint = parseDockerEndpoint(url);
  switch (endpoint.kind) {
    case 'local':
      return { draft: { kind: 'local', name: 'local', socketPath: endpoint.socketPath, origin } };
    case 'ssh':
      return {
        draft: {
          kind: 'ssh',
          name: endpoint.target.host,
          target: endpoint.target,
          socket: endpoint.socket,
          origin,
        },
      };
    case 'unsupported':
      return { issue: { ...origin, message: endpoint.reason } };
  }
}

/** A context named like a fleet file host would make two rows with one name. */
function duplicateAcrossSources(drafts: readonly HostDraft[]): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const draft of drafts) {
    if (seen.has(draft.name)) {
      issues.push({
        ...draft.origin,
        message: `duplicate host name "${draft.name}" (also defined earlier in the fleet)`,
      });
    }
    seen.add(draft.name);
  }
  return issues;
}

async function resolveDrafts(
  drafts: readonly HostDraft[],
  settings: FleetSettings,
  resolver: SshConfigResolver,
  issues: ConfigIssue[],
): Promise<HostSpec[]> {
  const semaphore = new Semaphore(RESOLVE_CONCURRENCY);
  const resolved = await Promise.all(
    drafts.map((draft) =>
      semaphore.run(async (): Promise<HostSpec | undefined> => {
        const group = draft.group !== undefined ? { group: draft.group } : {};
        if (draft.kind === 'local')
          return { kind: 'local', name: draft.name, ...group, socketPath: draft.socketPath };
        try {
          return await sshHostSpecOf(draft, settings, resolver);
        } catch (error) {
          issues.push({ ...draft.origin, message: `${draft.name}: ${(error as Error).message}` });
          return undefined;
        }
      }),
    ),
  );
  return resolved.filter((host): host is HostSpec => host !== undefined);
}

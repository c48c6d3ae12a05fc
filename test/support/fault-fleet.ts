import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { LabInventory } from './lab-inventory.js';

/*
 * A fleet file for the fault suite: the lab's hosts, some of them reached through a fault proxy
 * (`ssh: root@127.0.0.1:PROXYPORT`), with short connect/keepalive settings so that faults are
 * noticed in seconds. Its known_hosts file has the lab's lines plus, for each proxied host, the
 * same key under `[127.0.0.1]:PROXYPORT`: the key is checked through the proxy as without it.
 */

export interface FaultFleetOptions {
  /** Directory the fleet file and its known_hosts go to. */
  dir: string;
  /** Lab host index → port of the proxy in front of its sshd. */
  via?: ReadonlyMap<number, number>;
  connect?: { timeoutSeconds?: number; keepaliveSeconds?: number; concurrency?: number };
  /** Which lab hosts to include (default all), by index. */
  hosts?: readonly number[];
}

export interface FaultFleet {
  fleetFile: string;
  knownHostsFile: string;
  /** 1-based line of known_hosts holding host i's key, as fleetdeck names it in a key mismatch. */
  knownHostsLine(index: number): number;
}

/** The known_hosts line of the lab host listening on `port`, without its host pattern. */
function labKeyOf(lab: LabInventory, lines: readonly string[], port: number): string {
  const line = lines.find((l) => l.startsWith(`[127.0.0.1]:${port} `));
  if (line === undefined) throw new Error(`${lab.knownHosts} has no line for [127.0.0.1]:${port}`);
  return line.slice(line.indexOf(' ') + 1);
}

export function writeFaultFleet(lab: LabInventory, opts: FaultFleetOptions): FaultFleet {
  const via = opts.via ?? new Map<number, number>();
  const indexes = opts.hosts ?? lab.hosts.map((_, i) => i);
  const labLines = readFileSync(lab.knownHosts, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const portOf = (i: number): number => via.get(i) ?? lab.hosts[i]!.port;

  const knownLines: string[] = [];
  const lineOf = new Map<number, number>();
  for (const i of indexes) {
    const host = lab.hosts[i];
    if (host === undefined) throw new Error(`the lab at ${lab.labDir} has no host ${i}`);
    knownLines.push(`[127.0.0.1]:${portOf(i)} ${labKeyOf(lab, labLines, host.port)}`);
    lineOf.set(i, knownLines.length);
  }
  const knownHostsFile = join(opts.dir, 'known_hosts');
  writeFileSync(knownHostsFile, `${knownLines.join('\n')}\n`);

  // The lab's own settings that keep the runner's ~/.ssh out (sshConfig:) carry over as they are.
  const labFleet = parse(readFileSync(lab.fleetFile, 'utf8')) as { sshConfig?: unknown } | null;
  const fleet = {
    ...(typeof labFleet?.sshConfig === 'string' ? { sshConfig: labFleet.sshConfig } : {}),
    knownHostsFile,
    connect: { timeoutSeconds: 5, keepaliveSeconds: 1, ...opts.connect },
    hosts: indexes.map((i) => {
      const host = lab.hosts[i]!;
      return {
        name: host.name,
        ssh: `root@127.0.0.1:${portOf(i)}`,
        identityFile: lab.clientKey,
        socket: host.dockerSocket,
        group: via.has(i) ? 'proxied' : 'lab',
      };
    }),
  };
  const fleetFile = join(opts.dir, 'fleet.yaml');
  writeFileSync(fleetFile, stringify(fleet));
  return {
    fleetFile,
    knownHostsFile,
    knownHostsLine: (index) => {
      const line = lineOf.get(index);
      if (line === undefined) throw new Error(`host ${index} is not in this fault fleet`);
      return line;
    },
  };
}

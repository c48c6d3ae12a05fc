import { existsSync } from 'node:fs';
import { describe, inject, it } from 'vitest';
import { inventoryPath, readInventory, type LabHost, type LabInventory } from './lab-inventory.js';
import { run, runLabScript, type CommandResult } from './lab-script.js';

export type { LabHost, LabInventory } from './lab-inventory.js';
export type { CommandResult } from './lab-script.js';

export const LAB_MISSING_MESSAGE =
  'integration tests need the lab: run as root with docker.io/openssh-server installed; see README';

/** `FLEETDECK_LAB=required` (CI): a missing lab fails the run instead of skipping its suites. */
export function labRequired(): boolean {
  return process.env.FLEETDECK_LAB === 'required';
}

function providedLabDir(): string | undefined {
  try {
    return inject('fleetdeckLabDir') || undefined;
  } catch {
    // Outside a vitest worker there is nothing injected; the environment may still name a lab.
    return undefined;
  }
}

/** The directory of the lab this test run uses, if any. */
export function labDir(): string | undefined {
  return providedLabDir() ?? (process.env.FLEETDECK_LAB_DIR || undefined);
}

/** The lab's inventory, or undefined when this run has no lab. */
export function readLab(): LabInventory | undefined {
  const dir = labDir();
  if (dir === undefined || !existsSync(inventoryPath(dir))) return undefined;
  return readInventory(dir);
}

/** The lab, or an error saying how to get one. */
export function requireLab(): LabInventory {
  const lab = readLab();
  if (lab === undefined) throw new Error(LAB_MISSING_MESSAGE);
  return lab;
}

export function labHost(index: number, lab: LabInventory = requireLab()): LabHost {
  const host = lab.hosts[index];
  if (host === undefined) {
    throw new Error(`the lab at ${lab.labDir} has ${lab.hosts.length} hosts, no host ${index}`);
  }
  return host;
}

/**
 * A describe block that runs only with a lab. Without one it shows a single skipped test
 * whose name says why — or, when the lab is required, a failing one.
 */
export function describeLab(name: string, body: (lab: LabInventory) => void): void {
  const lab = readLab();
  if (lab !== undefined) {
    describe(name, () => body(lab));
    return;
  }
  if (labRequired()) {
    describe(name, () => {
      it('has the lab it needs', () => {
        throw new Error(`${LAB_MISSING_MESSAGE} (FLEETDECK_LAB=required, but no lab was started)`);
      });
    });
    return;
  }
  describe(name, () => {
    it.skip(LAB_MISSING_MESSAGE, () => {});
  });
}

async function labScript(args: readonly string[]): Promise<void> {
  const lab = requireLab();
  const result = await runLabScript(lab.labDir, lab.portBase, args, 60_000);
  if (result.code !== 0) {
    throw new Error(`lab.sh ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
}

/** Kills host i's sshd and its open sessions: clients see the connection drop. */
export function stopSshd(index: number): Promise<void> {
  return labScript(['sshd-stop', String(index)]);
}

/** Starts host i's sshd again and resolves once it accepts connections. */
export function startSshd(index: number): Promise<void> {
  return labScript(['sshd-start', String(index)]);
}

/** Stops host i's dockerd (its containers stop with it); the sshd stays up. */
export function stopDockerd(index: number): Promise<void> {
  return labScript(['dockerd-stop', String(index)]);
}

/** Starts host i's dockerd again and resolves once it answers. */
export function startDockerd(index: number): Promise<void> {
  return labScript(['dockerd-start', String(index)]);
}

/** Removes and recreates the role containers on host i, undoing what a test did to them. */
export function resetContainers(index: number): Promise<void> {
  return labScript(['reset', String(index)]);
}

/** `docker -H unix://<host i's socket> ARGS`, straight to the daemon (no SSH). */
export function dockerCli(index: number, args: readonly string[]): Promise<CommandResult> {
  const host = labHost(index);
  return run('docker', ['-H', `unix://${host.dockerSocket}`, ...args], { timeoutMs: 60_000 });
}

/** Arguments for `ssh` to reach host i as root with the lab's key and known_hosts. */
export function sshArgs(index: number, lab: LabInventory = requireLab()): string[] {
  const host = labHost(index, lab);
  return [
    '-i',
    lab.clientKey,
    '-p',
    String(host.port),
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    'root@127.0.0.1',
  ];
}

/** Runs a command on host i over SSH (DOCKER_HOST there points at its daemon). */
export function sshRun(index: number, command: string): Promise<CommandResult> {
  return run('ssh', [...sshArgs(index), command], { timeoutMs: 60_000 });
}

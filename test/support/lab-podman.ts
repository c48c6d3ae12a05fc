import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { z } from 'zod';
import { run, type CommandResult } from './lab-script.js';

/*
 * The lab's optional Podman host (lab.sh podman-up writes <lab>/podman.json): a rootful
 * `podman system service` behind its own sshd, with its own fleet file and known_hosts.
 */

const PodmanHostSchema = z.object({
  name: z.string(),
  port: z.number().int(),
  dockerSocket: z.string(),
  fleetFile: z.string(),
  knownHosts: z.string(),
  version: z.string(),
  storageDriver: z.string(),
});

export type PodmanHost = z.infer<typeof PodmanHostSchema>;

export function podmanInstalled(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, 'podman'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Where the test run's setup writes why the Podman host did not start. */
export function podmanFailurePath(labDir: string): string {
  return join(labDir, 'podman-failed.txt');
}

/** Why the test run's Podman host did not start, if it did not. */
export function podmanFailure(labDir: string): string | undefined {
  const file = podmanFailurePath(labDir);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The Podman host of the lab at labDir, or undefined when none was started there. */
export function readPodmanHost(labDir: string): PodmanHost | undefined {
  const file = join(labDir, 'podman.json');
  if (!existsSync(file)) return undefined;
  const parsed = PodmanHostSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not a Podman host record (${parsed.error.message})`);
  return parsed.data;
}

/** The Docker CLI straight at Podman's socket (no SSH). */
export function podmanDockerCli(host: PodmanHost, args: readonly string[]): Promise<CommandResult> {
  return run('docker', ['-H', `unix://${host.dockerSocket}`, ...args], { timeoutMs: 60_000 });
}

import { accessSync, constants, existsSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { inventoryPath, readInventory } from './lab-inventory.js';
import { podmanFailurePath } from './lab-podman.js';
import { REPO_ROOT, run, runLabScript } from './lab-script.js';
import { takeLabSlot, type LabSlot } from './test-lab-lock.js';

/*
 * Before the run: compile the project (integration tests run `node bin/fleetdeck.js`) and start
 * a test lab, both only when integration tests are part of the run. The lab gets its own directory
 * and ports, apart from a developer's lab in .lab/, and is torn down afterwards.
 */

// Parallel runs on one machine (several worktrees, agents, CI) each take a slot.
const SLOTS = 8;
const PORT_BASE = 22300;
const PORTS_PER_SLOT = 20;
const LAB_TOOLS = ['dockerd', 'docker', 'containerd', 'ssh', 'ssh-keygen', 'busybox', 'mkfs.btrfs', 'flock'];

const log = (message: string) => console.log(`[lab] ${message}`);

function slotDir(index: number): string {
  return index === 0 ? '/tmp/fleetdeck-testlab' : `/tmp/fleetdeck-testlab-${index}`;
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function missingLabPrerequisites(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root');
  missing.push(...LAB_TOOLS.filter((tool) => !onPath(tool)));
  if (!existsSync('/usr/sbin/sshd')) missing.push('/usr/sbin/sshd');
  return missing;
}

/** The selected integration test files (no filter: all files are selected). */
async function selectedIntegrationTests(project: TestProject): Promise<string[]> {
  // vitest keeps the CLI file filters on the instance without a public getter; if that ever
  // changes, assume every file is selected, which only costs a lab start.
  const filters: unknown = Reflect.get(project.vitest, 'filenamePattern');
  const selected =
    Array.isArray(filters) && filters.every((f) => typeof f === 'string') ? (filters as string[]) : undefined;
  const { testFiles } = await project.globTestFiles(selected);
  return testFiles.filter((file) => file.includes('/test/integration/'));
}

/*
 * The Podman host (lab.sh podman-up) is optional: started only for runs that include a Podman
 * suite, and only where podman is installed; those suites skip, saying why, when it is not.
 */
async function startPodmanHost(labDir: string, portBase: number, reused: boolean): Promise<void> {
  if (!onPath('podman')) {
    log(
      'no podman on PATH: the Podman host is not started and its suites are skipped (apt-get install podman)',
    );
    return;
  }
  // A Podman host that fails to start fails the Podman suite (it reads why), not every other suite.
  const failed = podmanFailurePath(labDir);
  rmSync(failed, { force: true });
  const up = await runLabScript(labDir, portBase, ['podman-up']);
  const reset = up.code === 0 && reused ? await runLabScript(labDir, portBase, ['podman-reset']) : undefined;
  const problem =
    up.code !== 0
      ? `lab.sh podman-up exited ${up.code}:\n${up.stderr}`
      : reset && reset.code !== 0
        ? `lab.sh podman-reset exited ${reset.code}:\n${reset.stderr}`
        : undefined;
  if (problem !== undefined) {
    writeFileSync(failed, problem);
    log(`the Podman host did not start (its suite fails with the reason): ${problem}`);
    return;
  }
  log(`Podman host up in the test lab at ${labDir}`);
}

async function buildProject(): Promise<void> {
  if (process.env.FLEETDECK_SKIP_BUILD === '1') return;
  const started = Date.now();
  const result = await run(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
    timeoutMs: 300_000,
  });
  if (result.code !== 0) {
    // tsc still emits; the typecheck step reports the errors, integration tests judge the output.
    console.warn(`[build] tsc -p tsconfig.json exited ${result.code}:\n${result.stdout}${result.stderr}`);
  }
  // bin/fleetdeck.js runs the bundle (scripts/bundle.mjs), built from the sources as `npm run build` does.
  const bundled = await run(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs')], {
    timeoutMs: 120_000,
  });
  if (bundled.code !== 0) {
    throw new Error(`[build] scripts/bundle.mjs exited ${bundled.code}:\n${bundled.stdout}${bundled.stderr}`);
  }
  if (result.code === 0) log(`compiled to dist/ in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

async function labIsUp(labDir: string, portBase: number): Promise<boolean> {
  if (!existsSync(inventoryPath(labDir))) return false;
  return (await runLabScript(labDir, portBase, ['status'])).code === 0;
}

/** A lab someone already runs (FLEETDECK_LAB_DIR): used as is and left running. */
async function useNamedLab(labDir: string): Promise<string | undefined> {
  if (existsSync(inventoryPath(labDir))) {
    const inventory = readInventory(labDir);
    if (await labIsUp(labDir, inventory.portBase)) {
      log(`using the running lab at ${labDir} (${inventory.hosts.length} hosts); it stays up`);
      return labDir;
    }
  }
  return undefined;
}

interface StartedLab {
  labDir: string;
  teardown: () => Promise<void>;
}

async function startTestLab(withPodman: boolean): Promise<StartedLab> {
  const hosts = process.env.FLEETDECK_LAB_HOSTS ?? '3';
  const slot: LabSlot = await takeLabSlot(SLOTS, (i) => `${slotDir(i)}.lock`);
  const labDir = slotDir(slot.index);
  const portBase = PORT_BASE + slot.index * PORTS_PER_SLOT;
  try {
    // A lab left by FLEETDECK_LAB_KEEP=1 is reused, with its containers put back as new.
    const reused = await labIsUp(labDir, portBase);
    const up = await runLabScript(labDir, portBase, ['up', hosts]);
    if (up.code !== 0) throw new Error(`test lab at ${labDir} did not start:\n${up.stderr}`);
    if (reused) {
      const reset = await runLabScript(labDir, portBase, ['reset']);
      if (reset.code !== 0) throw new Error(`test lab at ${labDir}: reset failed:\n${reset.stderr}`);
    }
    log(`${reused ? 'reusing' : 'started'} test lab at ${labDir} (${hosts} hosts, ports from ${portBase})`);
    if (withPodman) await startPodmanHost(labDir, portBase, reused);
  } catch (error) {
    await runLabScript(labDir, portBase, ['destroy']);
    slot.release();
    throw error;
  }
  return {
    labDir,
    teardown: async () => {
      try {
        if (process.env.FLEETDECK_LAB_KEEP === '1') {
          log(
            `keeping the test lab at ${labDir} (FLEETDECK_LAB_KEEP=1); stop it with LAB_DIR=${labDir} LAB_PORT_BASE=${portBase} bash test/lab/lab.sh down`,
          );
          return;
        }
        const destroyed = await runLabScript(labDir, portBase, ['destroy']);
        if (destroyed.code !== 0) console.warn(`[lab] tearing down ${labDir} failed:\n${destroyed.stderr}`);
      } finally {
        slot.release();
      }
    },
  };
}

interface ProvidedLab {
  /** '' when the run has no lab. */
  labDir: string;
  teardown?: () => Promise<void>;
}

async function provideLab(withPodman: boolean): Promise<ProvidedLab> {
  const required = process.env.FLEETDECK_LAB === 'required';
  const named = process.env.FLEETDECK_LAB_DIR;
  if (named) {
    const labDir = await useNamedLab(named);
    if (labDir !== undefined) return { labDir };
    const problem = `FLEETDECK_LAB_DIR=${named} names no running lab (start it: LAB_DIR=${named} bash test/lab/lab.sh up)`;
    if (required) throw new Error(problem);
    log(`${problem}; starting a test lab instead`);
  }
  const missing = missingLabPrerequisites();
  if (missing.length > 0) {
    const problem = `no lab: missing ${missing.join(', ')} — integration tests need root with docker.io, openssh-server, btrfs-progs and busybox-static`;
    if (required) throw new Error(`${problem} (FLEETDECK_LAB=required)`);
    log(`${problem}; lab suites are skipped`);
    return { labDir: '' };
  }
  return startTestLab(withPodman);
}

/*
 * vitest runs this setup once per project (the root config and each of its projects) in one
 * process. They share one build and one lab through globalThis; the last teardown stops the lab.
 */
interface SharedRun {
  users: number;
  ready: Promise<ProvidedLab>;
}

const SHARED_RUN = Symbol.for('fleetdeck.test-lab.run');

function sharedRun(withPodman: boolean): SharedRun {
  const existing: unknown = Reflect.get(globalThis, SHARED_RUN);
  if (existing !== undefined) return existing as SharedRun;
  const run: SharedRun = {
    users: 0,
    ready: Promise.all([buildProject(), provideLab(withPodman)]).then(([, lab]) => lab),
  };
  Reflect.set(globalThis, SHARED_RUN, run);
  return run;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const integration = await selectedIntegrationTests(project);
  if (integration.length === 0) {
    project.provide('fleetdeckLabDir', '');
    return undefined;
  }
  const run = sharedRun(integration.some((file) => /podman/i.test(file)));
  run.users += 1;
  const lab = await run.ready;
  project.provide('fleetdeckLabDir', lab.labDir);
  if (lab.labDir) process.env.FLEETDECK_LAB_DIR = lab.labDir;
  return async () => {
    run.users -= 1;
    if (run.users > 0) return;
    Reflect.deleteProperty(globalThis, SHARED_RUN);
    await lab.teardown?.();
  };
}

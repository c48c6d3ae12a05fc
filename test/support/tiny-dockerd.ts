import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './lab-script.js';
import { waitUntil } from './wait.js';

/** A dockerd of our own whose Docker root is a small ext4 loop image: a disk that can be filled. */
export interface TinyDockerd {
  /** `unix:///run/…/docker.sock`: DOCKER_HOST for a fleetdeck with no fleet file. */
  dockerHost: string;
  /** The mounted Docker root (fill it with `fill`). */
  root: string;
  docker(args: readonly string[]): ReturnType<typeof run>;
  /** Leaves about `freeMb` free on the Docker root (a filler file beside Docker's own dirs). */
  fill(freeMb: number): Promise<void>;
  close(): Promise<void>;
}

async function must(file: string, args: readonly string[]): Promise<string> {
  const r = await run(file, args, { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts it (root needed: mount, dockerd), loads `imagesTar` (the lab's tiny images) and waits
 * until it answers. Sockets live under /run: a unix socket path must stay short.
 */
export async function startTinyDockerd(
  workDir: string,
  imagesTar: string,
  sizeMb = 256,
): Promise<TinyDockerd> {
  const img = join(workDir, 'disk.img');
  const root = join(workDir, 'root');
  const runDir = mkdtempSync('/run/fd-tiny-');
  mkdirSync(root, { recursive: true });
  await must('truncate', ['-s', `${sizeMb}M`, img]);
  await must('mkfs.ext4', ['-q', '-F', '-m', '0', img]);
  await must('mount', ['-o', 'loop', img, root]);
  const sock = join(runDir, 'docker.sock');
  const pidFile = join(runDir, 'dockerd.pid');
  const child = spawn(
    'dockerd',
    [
      '--data-root',
      join(root, 'docker'),
      '--exec-root',
      join(runDir, 'exec'),
      '--pidfile',
      pidFile,
      '-H',
      `unix://${sock}`,
      '--bridge',
      'none',
      '--iptables=false',
      '--ip-masq=false',
      '--userland-proxy=false',
      '--storage-driver',
      'overlay2',
      '--log-level',
      'warn',
    ],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  const docker = (args: readonly string[]) =>
    run('docker', ['-H', `unix://${sock}`, ...args], { timeoutMs: 120_000 });
  const close = async (): Promise<void> => {
    const pid = child.pid ?? Number(readFileSync(pidFile, 'utf8'));
    if (alive(pid)) process.kill(pid, 'SIGTERM');
    await waitUntil(() => !alive(pid), `the tiny dockerd (pid ${pid}) to exit`, 60_000).catch(() =>
      process.kill(pid, 'SIGKILL'),
    );
    await run('umount', ['-l', root]);
    rmSync(runDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      async () => (await docker(['info'])).code === 0,
      'the tiny dockerd to answer',
      60_000,
      200,
    );
    await must('docker', ['-H', `unix://${sock}`, 'load', '-i', imagesTar]);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    dockerHost: `unix://${sock}`,
    root,
    docker,
    async fill(freeMb) {
      const [blocks = 0, size = 0] = (await must('stat', ['-f', '-c', '%a %S', root]))
        .trim()
        .split(' ')
        .map(Number);
      const filler = blocks * size - freeMb * 1024 * 1024;
      if (filler > 0) await must('fallocate', ['-l', String(filler), join(root, 'filler')]);
    },
    close,
  };
}

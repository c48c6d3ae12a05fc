import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DockerHostApi, HostCommandResult } from '../../../src/docker/host-api.js';
import { placePauseGuard } from '../../../src/docker/mutations/pause-guard.js';
import { waitUntil } from '../../support/wait.js';

/** A host whose shell is this machine's /bin/sh, with a fake `docker` CLI that records its argv. */
function localHost(): { api: DockerHostApi; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fd-guard-'));
  const log = join(dir, 'docker.log');
  const docker = join(dir, 'docker');
  writeFileSync(docker, `#!/bin/sh\necho "$@" >> '${log}'\n`);
  chmodSync(docker, 0o755);
  const runHostCommand = (command: string): Promise<HostCommandResult> =>
    new Promise((resolve) => {
      execFile(
        '/bin/sh',
        ['-c', command],
        { env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` } },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const api = {
    name: 'lab-0',
    socketPath: '/run/lab/docker.sock',
    runHostCommand,
  } as unknown as DockerHostApi;
  return { api, log };
}

const logged = (log: string): string => (existsSync(log) ? readFileSync(log, 'utf8') : '');

describe("pause guard (the real watcher script, in this machine's sh)", () => {
  it('outlives the command that placed it and unpauses once no heartbeat comes', async () => {
    const { api, log } = localHost();
    const guard = await placePauseGuard(api, 'abc123', { staleSeconds: 1 });
    await waitUntil(() => logged(log).includes('unpause'), 'the guard to unpause', 20_000);
    expect(logged(log).trim()).toBe('-H unix:///run/lab/docker.sock unpause abc123');
    await waitUntil(() => !existsSync(guard.file), 'the guard to clean up its file', 10_000);
  });

  it('cancelled on normal completion: exits without touching the container', async () => {
    const { api, log } = localHost();
    const guard = await placePauseGuard(api, 'abc123', { staleSeconds: 3 });
    await guard.heartbeat();
    await guard.cancel();
    await waitUntil(() => !existsSync(guard.file), 'the guard to exit', 10_000);
    expect(logged(log)).toBe('');
  });

  it('refuses (and so nothing gets paused) on a host with neither the docker CLI nor curl', async () => {
    const api = {
      name: 'lab-0',
      runHostCommand: (command: string): Promise<HostCommandResult> =>
        new Promise((resolve) => {
          execFile('/bin/sh', ['-c', command], { env: { PATH: '/nonexistent' } }, (err, stdout, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
          );
        }),
    } as unknown as DockerHostApi;
    await expect(placePauseGuard(api, 'abc123', { staleSeconds: 1 })).rejects.toThrow(
      /lab-0: the pause guard could not be started on the host \(exit 127: neither the docker CLI nor curl/,
    );
  });
});

import { randomBytes } from 'node:crypto';
import { shellQuote } from '../../domain/health/host-commands.js';
import type { DockerHostApi } from '../host-api.js';
import type { PauseGuard, PauseGuardOptions } from './types.js';

/**
 * The watcher left running on the host: it unpauses the container unless fleetdeck's heartbeat
 * (the mtime of `$1`) is younger than `$2` seconds, or fleetdeck said `done` (`$1.done`).
 * Everything after `$2` is the unpause command's argv. POSIX sh, GNU/busybox `stat`.
 */
const WATCHER = [
  'f=$1; stale=$2; shift 2',
  'while :; do',
  '  sleep 1',
  '  if [ -e "$f.done" ]; then rm -f "$f" "$f.done"; exit 0; fi',
  '  now=$(date +%s); last=$(stat -c %Y "$f" 2>/dev/null || echo 0)',
  '  [ $((now - last)) -ge "$stale" ] && break',
  'done',
  '"$@"',
  'rm -f "$f" "$f.done"',
].join('\n');

/** Where a guard's heartbeat file lives on the host (one per pause, unguessable). */
export function guardFile(nonce: string): string {
  return `/tmp/fleetdeck-pause-guard.${nonce}`;
}

/**
 * Starts the watcher detached from the SSH session (setsid where present, nohup, every fd off the
 * channel) so neither our death nor a cut link takes it down. The unpause goes through the docker
 * CLI, else curl on the socket; a host with neither cannot be guarded and says so (exit 127).
 */
export function placeGuardCommand(opts: {
  file: string;
  socketPath: string;
  containerId: string;
  staleSeconds: number;
}): string {
  const q = shellQuote;
  const docker = ['docker', '-H', `unix://${opts.socketPath}`, 'unpause', opts.containerId].map(q).join(' ');
  const curl = [
    'curl',
    '-fsS',
    '-X',
    'POST',
    '--unix-socket',
    opts.socketPath,
    `http://localhost/containers/${opts.containerId}/unpause`,
  ]
    .map(q)
    .join(' ');
  return [
    `f=${q(opts.file)}`,
    'umask 077',
    `: > "$f" || exit 70`,
    `if command -v docker >/dev/null 2>&1; then set -- ${docker}`,
    `elif command -v curl >/dev/null 2>&1; then set -- ${curl}`,
    `else echo 'neither the docker CLI nor curl is on this host' >&2; rm -f "$f"; exit 127; fi`,
    's=$(command -v setsid || true)',
    `nohup $s sh -c ${q(WATCHER)} fleetdeck-pause-guard "$f" ${Math.max(1, Math.round(opts.staleSeconds))} "$@" </dev/null >/dev/null 2>&1 &`,
    'echo placed',
  ].join('\n');
}

export const heartbeatCommand = (file: string): string => `touch ${shellQuote(file)}`;
export const cancelGuardCommand = (file: string): string => `: > ${shellQuote(`${file}.done`)}`;

/** Places a guard through the host's shell (SSH exec, or the local shell for a local host). */
export async function placePauseGuard(
  api: DockerHostApi,
  containerId: string,
  opts: PauseGuardOptions,
): Promise<PauseGuard> {
  const file = guardFile(randomBytes(8).toString('hex'));
  const socketPath = api.socketPath ?? '/var/run/docker.sock';
  const r = await api.runHostCommand(
    placeGuardCommand({ file, socketPath, containerId, staleSeconds: opts.staleSeconds }),
    { timeoutMs: 15_000 },
  );
  if (r.code !== 0 || !r.stdout.includes('placed')) {
    throw new Error(
      `${api.name}: the pause guard could not be started on the host (exit ${r.code ?? r.signal ?? '?'}: ${r.stderr.trim() || 'no output'})`,
    );
  }
  const run = async (command: string): Promise<void> => {
    const res = await api.runHostCommand(command, { timeoutMs: 10_000 });
    if (res.code !== 0)
      throw new Error(`${api.name}: \`${command}\` exited with ${res.code ?? res.signal ?? '?'}`);
  };
  return {
    file,
    heartbeat: () => run(heartbeatCommand(file)),
    cancel: () => run(cancelGuardCommand(file)),
  };
}

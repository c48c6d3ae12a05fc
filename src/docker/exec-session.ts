import type Dockerode from 'dockerode';
import type { Duplex } from 'node:stream';
import { dockerodeOf } from './dockerode-of.js';
import { toHostApiError } from './errors.js';
import type { DockerHostApi } from './host-api.js';

/*
 * One `docker exec` over the host's existing connection: POST /containers/ID/exec, then
 * POST /exec/ID/start hijacked (the HTTP connection — an SSH channel — becomes the process's
 * stdin/stdout), POST /exec/ID/resize on window changes, and GET /exec/ID/json for the exit code.
 * No docker CLI and no new SSH login. The caller hands in the streams, so the CLI and the
 * dashboard (which steps aside for the shell) share it.
 */

export interface ExecRequest {
  containerId: string;
  cmd: string[];
  user?: string;
  workdir?: string;
  /** A TTY in the container: one raw stream (no stdout/stderr split), resizable. */
  tty: boolean;
  /** Attach stdin (`-i`). */
  interactive: boolean;
}

export interface TerminalSize {
  rows: number;
  columns: number;
}

/** Where the session reads and writes; `size`/`onResize` only matter with a TTY. */
export interface ExecIo {
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  size?: () => TerminalSize | undefined;
  /** Subscribes to window changes; returns the unsubscribe. */
  onResize?: (listener: () => void) => () => void;
}

/** A Docker multiplexed stream (8-byte headers: stream, 0, 0, 0, length) split into stdout/stderr. */
export function demuxInto(
  stream: NodeJS.ReadableStream,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): void {
  let buf: Buffer = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    while (buf.length >= 8) {
      const len = buf.readUInt32BE(4);
      if (buf.length < 8 + len) break;
      const payload = buf.subarray(8, 8 + len);
      (buf[0] === 2 ? stderr : stdout).write(payload);
      buf = buf.subarray(8 + len);
    }
  });
}

async function exitCodeOf(exec: Dockerode.Exec): Promise<number> {
  // The stream can end a moment before the daemon records the exit: ask a few times.
  for (let i = 0; i < 50; i++) {
    const info = (await exec.inspect()) as { Running?: boolean; ExitCode?: number | null };
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    await new Promise((r) => setTimeout(r, 20 * Math.min(i + 1, 10)));
  }
  return -1;
}

/** Runs the command to its end; resolves with its exit status. `signal` ends the session early. */
export async function runExecSession(
  api: DockerHostApi,
  req: ExecRequest,
  io: ExecIo,
  signal?: AbortSignal,
): Promise<number> {
  const host = api.name;
  const what = `exec in ${req.containerId}`;
  const d = await dockerodeOf(api);
  let exec: Dockerode.Exec;
  let stream: Duplex;
  try {
    exec = await d.getContainer(req.containerId).exec({
      Cmd: req.cmd,
      AttachStdin: req.interactive,
      AttachStdout: true,
      AttachStderr: true,
      Tty: req.tty,
      ...(req.user ? { User: req.user } : {}),
      ...(req.workdir ? { WorkingDir: req.workdir } : {}),
    });
    stream = (await exec.start({ hijack: true, stdin: req.interactive, Tty: req.tty })) as unknown as Duplex;
  } catch (err) {
    throw toHostApiError(host, err, { what: `POST /containers/${req.containerId}/exec` });
  }
  const resize = (): void => {
    const s = io.size?.();
    if (req.tty && s && s.rows > 0 && s.columns > 0)
      exec.resize({ h: s.rows, w: s.columns }).catch(() => undefined); // a lost resize is cosmetic
  };
  const unsubscribe = req.tty ? io.onResize?.(resize) : undefined;
  resize();
  const ended = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  if (req.tty) stream.on('data', (c: Buffer) => io.stdout.write(c));
  else demuxInto(stream, io.stdout, io.stderr);
  const onStdin = (c: Buffer): void => void stream.write(c);
  const onStdinEnd = (): void => void stream.end(); // EOF reaches the process's stdin (half-close)
  if (req.interactive && io.stdin) {
    io.stdin.on('data', onStdin);
    io.stdin.once('end', onStdinEnd);
  }
  const onAbort = (): void => void stream.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await ended;
    return await exitCodeOf(exec);
  } catch (err) {
    throw toHostApiError(host, err, { what });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    unsubscribe?.();
    io.stdin?.removeListener('data', onStdin);
    io.stdin?.removeListener('end', onStdinEnd);
  }
}

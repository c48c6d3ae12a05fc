import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';
import type { LocalHostSpec } from '../domain/host.js';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../ssh/connection.js';
import { ChannelAgent } from './channel-agent.js';
import type { DeadlineSettings } from './deadlines.js';
import { createGatewayFromParts, type GatewayOptions } from './gateway-core.js';
import type { DockerHostApi, HostCommandResult } from './host-api.js';

const CONNECT_TIMEOUT_MS = 10_000;

function connectUnix(path: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to ${path} timed out within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Runs `sh -c command` here; a non-zero exit is a result, not an error. Output is capped like SSH's. */
export function runLocalCommand(
  command: string,
  timeoutMs: number,
  maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES,
): Promise<HostCommandResult> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout kills the command's children too (they hold the pipes).
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const kill = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`\`${command}\` did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const collect = (into: Buffer[]) => (b: Buffer) => {
      size += b.length;
      if (size <= maxOutputBytes) return void into.push(b);
      clearTimeout(timer);
      kill();
      reject(new Error(`\`${command}\` printed more than ${maxOutputBytes} bytes, so it was stopped`));
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** A DockerHostApi for a Docker socket on this machine (same read-only guard as SSH hosts). */
export function createLocalGateway(
  spec: LocalHostSpec,
  opts: GatewayOptions & { deadlines?: DeadlineSettings },
): DockerHostApi {
  const agent = new ChannelAgent({
    host: spec.name,
    readOnly: opts.readOnly,
    deadlines: opts.deadlines,
    openSocket: () => connectUnix(spec.socketPath),
  });
  return createGatewayFromParts({
    name: spec.name,
    agent,
    opts,
    socketPath: spec.socketPath,
    transport: 'local',
    release: () => undefined,
    runHostCommand: runLocalCommand,
  });
}

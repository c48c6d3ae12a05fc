import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';
import type { LocalHostSpec } from '../domain/host.js';
import { ChannelAgent } from './channel-agent.js';
import { createGatewayFromParts, type GatewayOptions } from './gateway-core.js';
import type { DockerHostApi, HostCommandResult } from './host-api.js';

function connectUnix(path: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Runs `sh -c command` here; a non-zero exit is a result, not an error. */
export function runLocalCommand(command: string, timeoutMs: number): Promise<HostCommandResult> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout kills the command's children too (they hold the pipes).
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`\`${command}\` did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
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
export function createLocalGateway(spec: LocalHostSpec, opts: GatewayOptions): DockerHostApi {
  const agent = new ChannelAgent({
    host: spec.name,
    readOnly: opts.readOnly,
    openSocket: () => connectUnix(spec.socketPath),
  });
  return createGatewayFromParts({
    name: spec.name,
    agent,
    opts,
    socketPath: spec.socketPath,
    release: () => undefined,
    runHostCommand: runLocalCommand,
  });
}

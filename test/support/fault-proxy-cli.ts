import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { parseArgs } from 'node:util';
import { FaultProxy, type FaultLink } from './fault-proxy.js';

/*
 * The fault proxy as a process of its own (started by test/support/fault-proxy.mjs):
 *
 *   node test/support/fault-proxy.mjs --listen 0 --to 22301 [--delay 300] [--stall-after N]
 *                                     [--control /tmp/proxy.sock]
 *
 * It prints `listening 127.0.0.1:PORT` once it accepts. Control: SIGUSR1 stalls, SIGUSR2 resumes,
 * SIGTERM/SIGINT stop it; with --control, a unix socket takes one command per line and answers
 * each with a line of JSON (the status, or {"error": …}):
 *   pass | delay MS | stall | stall-after BYTES | resume | cut | status
 * A process of its own keeps the link's timing out of a busy test or bench process.
 */

export const CONTROL_COMMANDS = ['pass', 'delay MS', 'stall', 'stall-after BYTES', 'resume', 'cut', 'status'];

/** Runs one control command against the link; returns its status afterwards. */
export async function applyCommand(link: FaultLink, line: string): Promise<unknown> {
  const [verb = '', arg] = line.trim().split(/\s+/);
  const number = (): number => {
    const n = Number(arg);
    if (arg === undefined || !Number.isFinite(n) || n < 0)
      throw new Error(`${verb} needs a number, got "${arg}"`);
    return n;
  };
  switch (verb) {
    case 'pass':
      await link.passThrough();
      break;
    case 'delay':
      await link.setDelay(number());
      break;
    case 'stall':
      await link.stall();
      break;
    case 'stall-after':
      await link.stallAfter(number());
      break;
    case 'resume':
      await link.resume();
      break;
    case 'cut':
      await link.cut();
      break;
    case 'status':
      break;
    default:
      throw new Error(`unknown command "${verb}"; commands: ${CONTROL_COMMANDS.join(', ')}`);
  }
  return link.status();
}

function serveControl(path: string, link: FaultLink): Promise<Server> {
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let buffered = '';
    // One command at a time per client, in order.
    let queue = Promise.resolve();
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (data: string) => {
      buffered += data;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        queue = queue.then(async () => {
          const answer = await applyCommand(link, line).catch((err: unknown) => ({
            error: err instanceof Error ? err.message : String(err),
          }));
          if (!socket.destroyed) socket.write(`${JSON.stringify(answer)}\n`);
        });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve(server));
  });
}

function portOf(value: string, flag: string): { host: string; port: number } {
  const match = /^(?:(.+):)?(\d+)$/.exec(value);
  if (!match?.[2]) throw new Error(`${flag} takes PORT or HOST:PORT, got "${value}"`);
  return { host: match[1] ?? '127.0.0.1', port: Number(match[2]) };
}

export async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      listen: { type: 'string', default: '0' },
      to: { type: 'string' },
      delay: { type: 'string', default: '0' },
      'stall-after': { type: 'string' },
      control: { type: 'string' },
    },
  });
  if (values.to === undefined) throw new Error('--to PORT (or HOST:PORT) is required');
  const target = portOf(values.to, '--to');
  const proxy = await FaultProxy.start({
    listenPort: portOf(values.listen, '--listen').port,
    targetHost: target.host,
    targetPort: target.port,
    delayMs: Number(values.delay),
  });
  if (values['stall-after'] !== undefined) await proxy.stallAfter(Number(values['stall-after']));
  const control = values.control ? await serveControl(values.control, proxy) : undefined;
  process.on('SIGUSR1', () => void proxy.stall());
  process.on('SIGUSR2', () => void proxy.resume());
  const stop = (): void => {
    control?.close();
    if (values.control) rmSync(values.control, { force: true });
    void proxy.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`listening 127.0.0.1:${proxy.port}\n`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FaultLink, FaultProxyStatus } from './fault-proxy.js';
import { REPO_ROOT } from './lab-script.js';

const LAUNCHER = resolve(REPO_ROOT, 'test/support/fault-proxy.mjs');

/** Resolves with the first line of `stream` that matches, rejecting after `timeoutMs`. */
function firstLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`fault proxy did not start within ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fault proxy exited (${code ?? 'signal'}) before listening: ${err}`));
    });
  });
}

/**
 * The fault proxy in a process of its own (test/support/fault-proxy.mjs), driven over its
 * control socket. The bench uses it so that the link's timing does not depend on how busy the
 * bench's own event loop is.
 */
export class FaultProxyProcess implements FaultLink {
  private control!: Socket;
  private answers: Array<(line: string) => void> = [];
  private buffered = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async spawn(opts: { targetPort: number; delayMs?: number }): Promise<FaultProxyProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'fd-fault-proxy-'));
    const controlPath = join(dir, 'control.sock');
    const child = spawn(
      process.execPath,
      [
        LAUNCHER,
        '--listen',
        '0',
        '--to',
        String(opts.targetPort),
        '--delay',
        String(opts.delayMs ?? 0),
        '--control',
        controlPath,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const match = await firstLine(child, /listening 127\.0\.0\.1:(\d+)/, 20_000);
      const proxy = new FaultProxyProcess(child, Number(match[1]), dir);
      await proxy.connectControl(controlPath);
      return proxy;
    } catch (err) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  private connectControl(path: string): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const socket = connect(path, () => resolvePromise());
      socket.once('error', reject);
      socket.setEncoding('utf8');
      socket.on('data', (data: string) => {
        this.buffered += data;
        let newline: number;
        while ((newline = this.buffered.indexOf('\n')) >= 0) {
          const line = this.buffered.slice(0, newline);
          this.buffered = this.buffered.slice(newline + 1);
          this.answers.shift()?.(line);
        }
      });
      this.control = socket;
    });
  }

  private command(line: string): Promise<FaultProxyStatus> {
    return new Promise((resolvePromise, reject) => {
      this.answers.push((answer) => {
        const parsed = JSON.parse(answer) as FaultProxyStatus | { error: string };
        if ('error' in parsed) reject(new Error(`fault proxy: ${parsed.error}`));
        else resolvePromise(parsed);
      });
      this.control.write(`${line}\n`);
    });
  }

  async setDelay(ms: number): Promise<void> {
    await this.command(`delay ${ms}`);
  }
  async stall(): Promise<void> {
    await this.command('stall');
  }
  async stallAfter(bytes: number): Promise<void> {
    await this.command(`stall-after ${bytes}`);
  }
  async resume(): Promise<void> {
    await this.command('resume');
  }
  async passThrough(): Promise<void> {
    await this.command('pass');
  }
  async cut(): Promise<void> {
    await this.command('cut');
  }
  status(): Promise<FaultProxyStatus> {
    return this.command('status');
  }

  async close(): Promise<void> {
    this.control?.destroy();
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

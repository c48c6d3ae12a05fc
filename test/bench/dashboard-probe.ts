/*
 * The dashboard as a user runs it: `node bin/fleetdeck.js --fleet F` in the foreground of a
 * 120×40 tmux pane (`exec node …`). Measured from outside the process:
 *   - time to "N/N up", read off the screen (capture-pane every 100 ms);
 *   - idle CPU over a window with no keys and no screen polling (utime+stime from /proc/PID/stat);
 *   - RSS every few seconds over the whole run (/proc/PID/status VmRSS);
 *   - key → frame: j/k in the Containers view through a tmux control client; a key's frame is the
 *     first output that redraws the `>` selection marker on the row it moved to (frames the
 *     events cause in between do not count).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { TmuxControl } from './tmux-control.js';
import { FLEETDECK, ROOT } from './whole-process.js';

const exec = promisify(execFile);
const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux
/** A key whose frame has not come by then counts as a miss (and as this long in percentiles). */
export const KEY_TIMEOUT_MS = 3_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DashboardOptions {
  fleetFile: string;
  hosts: number;
  /** From the start to the end of the run, RSS sampled throughout (default 120 s). */
  runMs?: number;
  /** After all hosts are up, before the idle window (default 5 s). */
  settleMs?: number;
  idleWindowMs?: number;
  rssEveryMs?: number;
  presses?: number;
  upTimeoutMs?: number;
  /** Written to stderr as the run goes. */
  label?: string;
  /** Called as the idle window opens and closes (the scale bench reads the daemons' counters). */
  onIdleWindow?: (phase: 'start' | 'end') => Promise<void>;
}

export interface DashboardFigures {
  /** Start → "N/N up" on screen; undefined when it never got there. */
  allUpMs: number | undefined;
  /** The most hosts up seen ("97/100 up"). */
  bestUp: string;
  /** CPU of the process over the idle window, as a share of one core. */
  idleCpu: number;
  idleWindowMs: number;
  rss: Array<{ atMs: number; bytes: number }>;
  keyLatenciesMs: number[];
  keyMisses: number;
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
}

function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** The CUP + SGR* + "> " that draws the selection marker on screen row `row` (1-based). */
const markerAt = (row: number): RegExp => new RegExp(`\\x1b\\[${row};1H(?:\\x1b\\[[0-9;:]*m)*> `);

export async function probeDashboard(opts: DashboardOptions): Promise<DashboardFigures> {
  const runMs = opts.runMs ?? 120_000;
  const idleWindowMs = opts.idleWindowMs ?? 30_000;
  const say = (m: string) => process.stderr.write(`[bench] ${opts.label ?? 'dashboard'}: ${m}\n`);
  const socket = `fleetdeck-bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...args: string[]) => exec('tmux', ['-L', socket, ...args], { timeout: 10_000 });
  const home = mkdtempSync(join(tmpdir(), 'fleetdeck-bench-home-'));
  const started = performance.now();
  const since = () => performance.now() - started;
  await tmux(
    'new-session',
    '-d',
    '-s',
    's',
    '-x',
    '120',
    '-y',
    '40',
    '-c',
    ROOT,
    '-e',
    `HOME=${home}`,
    '-e',
    'TERM=xterm-256color',
    `exec ${process.execPath} ${FLEETDECK} --fleet ${opts.fleetFile}`,
  );
  const pid = Number((await tmux('list-panes', '-t', 's', '-F', '#{pane_pid}')).stdout.trim());
  const rss: DashboardFigures['rss'] = [];
  const sample = () => {
    try {
      rss.push({ atMs: since(), bytes: rssBytes(pid) });
    } catch {
      // the process is gone; the run reports what it has
    }
  };
  sample();
  const sampler = setInterval(sample, opts.rssEveryMs ?? 5_000);
  const screen = async () => (await tmux('capture-pane', '-p', '-t', 's')).stdout;
  const control = TmuxControl.attach(socket, 's');
  try {
    const upRe = /(\d+)\/(\d+) up/;
    let allUpMs: number | undefined;
    let best = 0;
    const deadline = opts.upTimeoutMs ?? 180_000;
    while (since() < deadline) {
      const m = upRe.exec(await screen());
      const up = m ? Number(m[1]) : 0;
      if (up > best) best = up;
      if (up === opts.hosts && Number(m?.[2]) === opts.hosts) {
        allUpMs = since();
        break;
      }
      await pause(100);
    }
    say(
      allUpMs === undefined
        ? `only ${best}/${opts.hosts} up after ${deadline / 1000} s`
        : `all up in ${(allUpMs / 1000).toFixed(1)} s`,
    );

    await pause(opts.settleMs ?? 5_000);
    await opts.onIdleWindow?.('start');
    const c0 = cpuTicks(pid);
    const t0 = performance.now();
    await pause(idleWindowMs);
    const idleCpu = (cpuTicks(pid) - c0) / CLOCK_TICKS / ((performance.now() - t0) / 1000);
    await opts.onIdleWindow?.('end');
    say(`idle CPU ${(idleCpu * 100).toFixed(1)}% of a core over ${idleWindowMs / 1000} s`);

    const { latencies, misses } = await keyToFrame(control, screen, opts.presses ?? 60);
    say(`${latencies.length} key → frame times, ${misses} without a frame`);

    while (since() < runMs) await pause(Math.min(1_000, runMs - since()));
    return {
      allUpMs,
      bestUp: `${best}/${opts.hosts} up`,
      idleCpu,
      idleWindowMs,
      rss,
      keyLatenciesMs: latencies,
      keyMisses: misses,
    };
  } finally {
    clearInterval(sampler);
    control.close();
    await tmux('send-keys', '-t', 's', 'q').catch(() => undefined);
    for (let i = 0; i < 50 && existsPid(pid); i++) await pause(100);
    if (existsPid(pid)) process.kill(pid, 'SIGKILL');
    await tmux('kill-server').catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }
}

function existsPid(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function keyToFrame(
  control: TmuxControl,
  screen: () => Promise<string>,
  presses: number,
): Promise<{ latencies: number[]; misses: number }> {
  control.key('s', '3'); // the Containers view
  await pause(1_000);
  control.key('s', 'g');
  await pause(500);
  const lines = (await screen()).split('\n');
  let row = lines.findIndex((l) => l.startsWith('> ')) + 1;
  if (row === 0) return { latencies: [], misses: presses };
  const latencies: number[] = [];
  let misses = 0;
  for (let i = 0; i < presses; i++) {
    const down = i % 40 < 20;
    const next = down ? row + 1 : row - 1;
    const re = markerAt(next);
    const at = control.key('s', down ? 'j' : 'k');
    const seen = await control.waitOutput((out) => re.test(out), KEY_TIMEOUT_MS);
    if (seen === undefined) {
      misses++;
      // Find where the marker is now, and go on from there.
      row = (await screen()).split('\n').findIndex((l) => l.startsWith('> ')) + 1 || row;
    } else {
      latencies.push(seen - at);
      row = next;
    }
    await pause(100);
  }
  return { latencies, misses };
}

/*
 * The whole-process contenders the fan-out and scale benches time side by side: fleetdeck's
 * `ps --all [--json]`, the bare ssh2 floor script (test/bench/floor/list.mjs) and the sequential
 * docker CLI loop (floor/cli-loop.mjs). Each run is a fresh process, as a user runs it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './bench-lab.js';
import { ROOT, timeFleetdeck, timeProcess, type ProcessRun } from './whole-process.js';

const FLOOR = join(ROOT, 'test/bench/floor/list.mjs');
const CLI_LOOP = join(ROOT, 'test/bench/floor/cli-loop.mjs');

export interface Timed {
  ms: number;
  maxRssBytes: number;
  /** Hosts that answered, of `hosts`. */
  ok: number;
  hosts: number;
}

/** `fleetdeck ps --all [--json]`: hosts that answered from the JSON or the stderr warnings. */
export async function psRun(fleetFile: string, hosts: number, json: boolean): Promise<Timed> {
  const r = await timeFleetdeck(['ps', '--all', ...(json ? ['--json'] : []), '--fleet', fleetFile]);
  return { ms: r.ms, maxRssBytes: r.maxRssBytes, hosts, ok: answered(r, hosts, json) };
}

function answered(r: ProcessRun, hosts: number, json: boolean): number {
  if (json) {
    try {
      return hosts - (JSON.parse(r.stdout) as { unreachable: unknown[] }).unreachable.length;
    } catch {
      return 0;
    }
  }
  const warned = new Set([...r.stderr.matchAll(/^warning: ([^:\s]+):/gm)].map((m) => m[1]));
  return r.code === 0 || r.code === 3 ? hosts - warned.size : 0;
}

function floorJson(r: ProcessRun): { ok: number; hosts: number } {
  try {
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as { ok: number; hosts: number };
  } catch {
    return { ok: 0, hosts: 0 };
  }
}

/** The floor script: all handshakes in flight, or `concurrency` at a time. */
export async function floorRun(inventory: string, concurrency?: number): Promise<Timed> {
  const args = [
    FLOOR,
    inventory,
    ...(concurrency !== undefined ? ['--concurrency', String(concurrency)] : []),
  ];
  const r = await timeProcess(process.execPath, args);
  const j = floorJson(r);
  return { ms: r.ms, maxRssBytes: r.maxRssBytes, ok: j.ok, hosts: j.hosts };
}

/** The sequential `docker -H ssh://… ps -a` loop over the first `hosts` hosts (default all). */
export async function cliLoopRun(inventory: string, hosts?: number): Promise<Timed> {
  const args = [CLI_LOOP, inventory, ...(hosts !== undefined ? ['--hosts', String(hosts)] : [])];
  const r = await timeProcess(process.execPath, args);
  const j = floorJson(r);
  return { ms: r.ms, maxRssBytes: r.maxRssBytes, ok: j.ok, hosts: j.hosts };
}

/** A copy of `fleetFile` whose `connect.concurrency` is `k` (a fleet file without `connect:`). */
export function withConcurrency(fleetFile: string, k: number, dir: string): string {
  const text = readFileSync(fleetFile, 'utf8');
  if (/^connect:/m.test(text)) throw new Error(`${fleetFile} already has connect settings`);
  const file = join(dir, `fleet-concurrency-${k}.yaml`);
  writeFileSync(file, `connect:\n  concurrency: ${k}\n${text}`);
  return file;
}

export interface Summary {
  ms: number;
  maxRssBytes: number;
  ok: number;
  hosts: number;
  runs: number;
}

/** Medians of several runs; `ok` is the worst run's (a run that lost hosts must show). */
export function summarise(runs: readonly Timed[]): Summary {
  return {
    ms: median(runs.map((r) => r.ms)),
    maxRssBytes: median(runs.map((r) => r.maxRssBytes)),
    ok: Math.min(...runs.map((r) => r.ok)),
    hosts: runs[0]?.hosts ?? 0,
    runs: runs.length,
  };
}

export interface SweepPoint {
  limit: number | 'all';
  fleetdeck?: Summary;
  floor: Summary;
}

/**
 * Handshake concurrency: fleetdeck's `ps --all` with `connect.concurrency` = each limit (its
 * schema caps it at 256) and the floor with the same limit, interleaved, `runs` each.
 */
export async function handshakeSweep(opts: {
  fleetFile: string;
  inventory: string;
  hosts: number;
  limits: readonly number[];
  runs: number;
  dir: string;
}): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  const limits = [...new Set(opts.limits.filter((k) => k < opts.hosts))];
  for (const limit of [...limits, 'all' as const]) {
    const k = limit === 'all' ? opts.hosts : limit;
    const file = k <= 256 ? withConcurrency(opts.fleetFile, k, opts.dir) : undefined;
    const fd: Timed[] = [];
    const fl: Timed[] = [];
    for (let i = 0; i < opts.runs; i++) {
      if (file) fd.push(await psRun(file, opts.hosts, false));
      fl.push(await floorRun(opts.inventory, limit === 'all' ? undefined : k));
    }
    points.push({ limit, ...(fd.length ? { fleetdeck: summarise(fd) } : {}), floor: summarise(fl) });
  }
  return points;
}

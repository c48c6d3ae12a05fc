import type { HostMutations } from '../docker/mutations/index.js';
import type { HostLimiter } from './host-limiter.js';
import type { JournalStore } from './journal.js';
import type { ProgressMeter } from '../domain/progress/meter.js';
import type { ActionProgress } from './types.js';

/** What a runner gets from the executor: hosts, limits, cancel, progress, clock. */
export interface RunContext {
  hosts(name: string): HostMutations;
  limiter: HostLimiter;
  signal?: AbortSignal;
  progress(p: Omit<ActionProgress, 'time'>): void;
  /** How far a long piece of work is (a bar where one is drawn; lines elsewhere ignore it). */
  meter(m: Omit<ProgressMeter, 'at'>): void;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` every `ms` of real time until the returned stop (heartbeats); tests pass their own. */
  every?: (ms: number, fn: () => void) => () => void;
  journals: JournalStore;
  user: string;
  machine: string;
  pollMs: number;
}

export interface RunReport {
  message: string;
  details: Record<string, unknown>;
}

/** A run that failed after doing something; `details` says what was undone. */
export class ActionFailed extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ActionFailed';
  }
}

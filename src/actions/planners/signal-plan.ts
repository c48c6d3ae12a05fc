import type { ContainerDetails } from '../../domain/details.js';
import { normaliseSignal, signalProfile } from '../../domain/signals.js';
import type { SignalPlan, SignalStep } from '../types.js';
import { confirmationFor, isGroupTarget } from './confirmation.js';

export interface SignalPlanInput {
  kind: SignalPlan['kind'];
  target: string;
  containers: readonly ContainerDetails[];
  /** kill only. */
  signal?: string;
  /** stop only: overrides the container's own stop timeout. */
  timeoutSeconds?: number;
  readyTimeoutSeconds?: number;
}

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

function describe(step: SignalStep, stopSignal: string, stopTimeout: number): string {
  const { host, name } = step.container;
  const wait = step.waitReady ? ', wait until running/healthy' : '';
  switch (step.op) {
    case 'restart':
      return `${host}: restart ${name} (${stopSignal}, SIGKILL after ${stopTimeout} s)${wait}`;
    case 'kill':
      return `${host}: send ${step.signal ?? 'SIGKILL'} to ${name}`;
    case 'stop':
      return `${host}: stop ${name} (${stopSignal}, SIGKILL after ${step.timeoutSeconds ?? stopTimeout} s)`;
    case 'start':
      return `${host}: start ${name}${wait}`;
  }
}

/**
 * Restart, kill, stop or start of one container or a group. A group runs one container at a time
 * per host (restart waits for each to be running/healthy before the next: a rolling restart),
 * hosts side by side.
 */
export function planSignalAction(input: SignalPlanInput): SignalPlan {
  const { kind, target, containers } = input;
  if (containers.length === 0) throw new PlanError(`no container matches "${target}"`);
  let signal: string | undefined;
  if (kind === 'kill') {
    signal = normaliseSignal(input.signal ?? 'SIGKILL');
    if (signal === undefined) {
      throw new PlanError(
        `"${input.signal}" is not a signal — use a name like SIGHUP or HUP, or a number like 1`,
      );
    }
  }
  if (input.timeoutSeconds !== undefined && !(input.timeoutSeconds >= 0)) {
    throw new PlanError(`stop timeout must be 0 or more seconds, not ${input.timeoutSeconds}`);
  }
  const group = isGroupTarget(target) || containers.length > 1;
  const perHost: SignalPlan['perHost'] = [];
  const lines: string[] = [];
  const sorted = [...containers].sort((a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name));
  for (const c of sorted) {
    if (!perHost.some((p) => p.host === c.host)) perHost.push({ host: c.host, steps: [] });
  }
  for (const entry of perHost) {
    for (const c of sorted.filter((x) => x.host === entry.host)) {
      const profile = signalProfile(c);
      const step: SignalStep = {
        container: { host: c.host, id: c.id, name: c.name },
        op: kind,
        ...(kind === 'kill' ? { signal } : { signal: profile.stopSignal }),
        ...(kind === 'stop' && input.timeoutSeconds !== undefined
          ? { timeoutSeconds: input.timeoutSeconds }
          : {}),
        waitReady: (kind === 'restart' || kind === 'start') && group,
      };
      entry.steps.push(step);
      lines.push(describe(step, profile.stopSignal, profile.stopTimeoutSeconds));
    }
  }
  const what = kind === 'kill' ? `send ${signal} to` : kind;
  const summary = group
    ? `${what} ${containers.length} container${containers.length === 1 ? '' : 's'} of ${target} on ${perHost.length} host${perHost.length === 1 ? '' : 's'}${kind === 'restart' ? ' (rolling: one at a time per host)' : ''}`
    : `${what} ${sorted[0]?.host}/${sorted[0]?.name}`;
  const destructive = kind === 'kill' || kind === 'stop';
  return {
    kind,
    target,
    summary,
    steps: lines,
    hosts: perHost.map((p) => p.host),
    confirmation: confirmationFor(target, summary, group || destructive),
    params: {
      ...(signal ? { signal } : {}),
      ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
      containers: sorted.map((c) => `${c.host}/${c.name}`),
    },
    perHost,
    readyTimeoutSeconds: input.readyTimeoutSeconds ?? 60,
  };
}

import type {
  ActionKind as PlanKind,
  ActionOutcome,
  ActionPlan,
  PlanParams,
  RolloutJournal,
} from '../../actions/index.js';
import type { ProgressMeter } from '../../domain/progress/meter.js';
import type { ActionTarget } from '../../domain/target.js';
import { MOVE_BINDINGS } from '../dashboard/common-bindings.js';

/** Where the operator is in one action: choosing, planning, confirming, watching it run, reading the result. */
export type FlowState =
  | { step: 'loading'; title: string; text: string }
  | {
      step: 'signal';
      title: string;
      target: ActionTarget;
      stopSignal: string;
      choices: readonly string[];
      index: number;
    }
  | {
      step: 'input';
      title: string;
      purpose: 'timeout' | 'image' | 'replicas';
      target: ActionTarget;
      label: string;
      value: string;
      error?: string | undefined;
    }
  | { step: 'confirm'; plan: ActionPlan; typed: string; error?: string | undefined; warnings: string[] }
  | {
      step: 'running';
      plan: ActionPlan;
      lines: string[];
      cancelling: boolean;
      /** The latest reading of each progress meter, in the order they first came: one bar each. */
      meters?: readonly ProgressMeter[];
    }
  | { step: 'done'; plan: ActionPlan; outcome: ActionOutcome; lines: string[] }
  | { step: 'error'; title: string; message: string }
  | { step: 'interrupted'; journals: readonly RolloutJournal[]; index: number };

/** What a key asks the flow's owner to do besides changing the state. */
export type FlowEffect =
  | { type: 'plan'; kind: PlanKind; target: ActionTarget; params: PlanParams; title: string }
  | { type: 'run'; plan: ActionPlan; confirm: boolean | string }
  | { type: 'cancel' }
  | { type: 'close' };

export interface FlowKey {
  /** keyName() of the press: `y`, `enter`, `esc`, `ctrl-c`, `up`, `backspace`… */
  name: string;
  /** The typed text when the press is printable, else undefined. */
  text?: string | undefined;
}

export interface FlowStep {
  state: FlowState | undefined;
  effect?: FlowEffect;
}

/** Moving in a menu uses the dashboard's own up/down keys (j/k and the arrows). */
const STEP: Readonly<Partial<Record<string, number>>> = { up: -1, down: 1 };
const MOVE: Readonly<Record<string, number>> = Object.fromEntries(
  MOVE_BINDINGS.flatMap((b) => {
    const delta = STEP[b.id];
    return delta === undefined ? [] : b.keys.map((k): [string, number] => [k, delta]);
  }),
);

function edit(value: string, key: FlowKey): string | undefined {
  if (key.name === 'backspace' || key.name === 'delete') return value.slice(0, -1);
  if (key.text !== undefined) return value + key.text;
  return undefined;
}

function inputEffect(s: Extract<FlowState, { step: 'input' }>): FlowStep {
  const value = s.value.trim();
  if (s.purpose === 'timeout') {
    const seconds = Number(value);
    if (value === '' || !Number.isFinite(seconds) || seconds < 0) {
      return { state: { ...s, error: `"${value}" is not a number of seconds (0 or more)` } };
    }
    return {
      state: s,
      effect: {
        type: 'plan',
        kind: 'stop',
        target: s.target,
        params: { timeoutSeconds: seconds },
        title: s.title,
      },
    };
  }
  if (s.purpose === 'replicas') {
    const replicas = Number(value);
    if (value === '' || !Number.isInteger(replicas) || replicas < 0) {
      return { state: { ...s, error: `"${value}" is not a whole number of replicas (0 or more)` } };
    }
    return {
      state: s,
      effect: { type: 'plan', kind: 'swarm-scale', target: s.target, params: { replicas }, title: s.title },
    };
  }
  if (value === '') return { state: { ...s, error: 'an image is needed, e.g. registry/shop/web:1.5' } };
  return {
    state: s,
    effect: { type: 'plan', kind: 'redeploy', target: s.target, params: { image: value }, title: s.title },
  };
}

/** One key press in the flow: the next state (undefined = closed) and what to do about it. */
export function flowKey(s: FlowState, key: FlowKey): FlowStep {
  const cancelKey = key.name === 'esc' || key.name === 'ctrl-c';
  switch (s.step) {
    case 'loading':
    case 'error':
      return cancelKey || s.step === 'error' ? { state: undefined, effect: { type: 'close' } } : { state: s };
    case 'done':
      return key.name === 'enter' || cancelKey || key.name === 'q'
        ? { state: undefined, effect: { type: 'close' } }
        : { state: s };
    case 'running':
      // Cancel asks the executor to stop and put back the step in progress; the result still comes.
      if (cancelKey && !s.cancelling)
        return { state: { ...s, cancelling: true }, effect: { type: 'cancel' } };
      return { state: s };
    case 'signal': {
      if (cancelKey) return { state: undefined, effect: { type: 'close' } };
      const delta = MOVE[key.name];
      if (delta !== undefined) {
        const index = Math.min(s.choices.length - 1, Math.max(0, s.index + delta));
        return { state: { ...s, index } };
      }
      if (key.name === 'enter') {
        const signal = s.choices[s.index] ?? s.stopSignal;
        return {
          state: s,
          effect: { type: 'plan', kind: 'kill', target: s.target, params: { signal }, title: s.title },
        };
      }
      return { state: s };
    }
    case 'input': {
      if (cancelKey) return { state: undefined, effect: { type: 'close' } };
      if (key.name === 'enter') return inputEffect(s);
      const value = edit(s.value, key);
      return value === undefined ? { state: s } : { state: { ...s, value, error: undefined } };
    }
    case 'confirm': {
      if (cancelKey) return { state: undefined, effect: { type: 'close' } };
      const c = s.plan.confirmation;
      if (c.mode === 'yes-no') {
        if (key.text === 'y' || key.text === 'Y')
          return { state: s, effect: { type: 'run', plan: s.plan, confirm: true } };
        if (key.text === 'n' || key.text === 'N' || key.name === 'enter')
          return { state: undefined, effect: { type: 'close' } };
        return { state: s };
      }
      if (key.name === 'enter') {
        if (s.typed === c.text) return { state: s, effect: { type: 'run', plan: s.plan, confirm: s.typed } };
        return {
          state: { ...s, error: `"${s.typed}" does not match — type ${c.text} exactly, or Esc to cancel` },
        };
      }
      const typed = edit(s.typed, key);
      return typed === undefined ? { state: s } : { state: { ...s, typed, error: undefined } };
    }
    case 'interrupted': {
      if (cancelKey) return { state: undefined, effect: { type: 'close' } };
      const delta = MOVE[key.name];
      if (delta !== undefined) {
        const index = Math.min(s.journals.length - 1, Math.max(0, s.index + delta));
        return { state: { ...s, index } };
      }
      const j = s.journals[s.index];
      const mode = key.text === 'r' ? 'resume' : key.text === 'b' ? 'rollback' : undefined;
      if (!j || !mode) return { state: s };
      return {
        state: s,
        effect: {
          type: 'plan',
          kind: 'redeploy-recover',
          target: { kind: 'role', role: j.role },
          params: { mode },
          title: `${mode === 'resume' ? 'Resume' : 'Roll back'} rollout of role ${j.role}`,
        },
      };
    }
  }
}

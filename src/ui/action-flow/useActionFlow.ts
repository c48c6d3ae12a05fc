import { useCallback, useEffect, useRef } from 'react';
import type { ActionOutcome, ActionPlan } from '../../actions/index.js';
import type { Container } from '../../domain/container.js';
import type { ProgressMeter } from '../../domain/progress/meter.js';
import { signalProfile } from '../../domain/signals.js';
import { targetText } from '../../domain/target.js';
import { useSyncedState } from '../hooks/useSyncedState.js';
import type { ActionKind } from '../keymap.js';
import type { PruneTarget } from '../dashboard/state.js';
import type { ActionTarget, LoadDetails } from '../types.js';
import { progressLine, withReading } from './run-readings.js';
import { flowKey, type FlowEffect, type FlowKey, type FlowState } from './flow-state.js';
import { firstStep } from './first-step.js';
import type { FleetActions } from './types.js';

/** Progress lines kept for the dialog (it shows the tail). */
const MAX_LINES = 500;

export interface ActionFlowOptions {
  actions: FleetActions | undefined;
  loadDetails: LoadDetails;
  /** The fleet as listed, for defaults (a role's current image). */
  containers: readonly Container[];
  /** After a plan ran, whatever its result: the owner refreshes the hosts it touched. */
  onSettled?: ((plan: ActionPlan, outcome: ActionOutcome) => void) | undefined;
  /**
   * What P (prune) plans and runs with; present in read-only mode too, where its executor refuses
   * the plan (shown with the refusal). Default: `actions`.
   */
  prune?: FleetActions | undefined;
}

export interface ActionFlow {
  state: FlowState | undefined;
  /** Whether the flow owns the keyboard now (read at once, not at the next render). */
  isOpen(): boolean;
  start(kind: ActionKind, target: ActionTarget): void;
  /** P in Images/Volumes: the prune plan, then confirmation — or, read-only, the executor's refusal. */
  startPrune(what: PruneTarget): void;
  handleKey(key: FlowKey): void;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The dashboard's side of an action: choose (signal, timeout, image), plan through the action
 * layer, show the plan and take the confirmation, run with progress and cancel, show the result.
 * Answers that arrive after the operator closed or replaced the dialog are dropped.
 */
export function useActionFlow(opts: ActionFlowOptions): ActionFlow {
  const [state, setState, stateRef] = useSyncedState<FlowState | undefined>(undefined);
  const generation = useRef(0);
  const abort = useRef<AbortController | undefined>(undefined);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  // The action layer of the flow open now: `actions`, or `prune` for P.
  const service = useRef<FleetActions | undefined>(undefined);

  /** A fresh step of the flow; earlier async answers no longer apply. */
  const open = useCallback(
    (next: FlowState | undefined): number => {
      generation.current++;
      setState(next);
      return generation.current;
    },
    [setState],
  );
  const current = (gen: number): boolean => generation.current === gen;

  const plan = useCallback(
    (effect: Extract<FlowEffect, { type: 'plan' }>): void => {
      const actions = service.current;
      if (!actions) return;
      const gen = open({
        step: 'loading',
        title: effect.title,
        text: `planning ${effect.kind} of ${targetText(effect.target)}…`,
      });
      // The row's own target goes to the action layer as is: host and id, nothing to parse or look up.
      actions.plan(effect.kind, effect.target, effect.params).then(
        ({ plan: p, unreachable }) => {
          if (!current(gen)) return;
          const warnings = unreachable.map((u) => `${u.host}: ${u.reason}`);
          if (actions.readOnly) return refuse(actions, p, gen);
          setState({ step: 'confirm', plan: p, typed: '', warnings });
        },
        (err: unknown) => {
          if (current(gen)) setState({ step: 'error', title: effect.title, message: messageOf(err) });
        },
      );
    },
    [open, setState],
  );

  /** Read-only: nothing to confirm — the executor refuses (and audits) it; the plan's steps stay shown. */
  const refuse = (actions: FleetActions, p: ActionPlan, gen: number): void => {
    const done = (outcome: ActionOutcome): void => {
      if (current(gen)) setState({ step: 'done', plan: p, outcome, lines: p.steps });
    };
    actions
      .run(p, {})
      .then(done, (err: unknown) =>
        done({ result: 'failed', message: messageOf(err), durationMs: 0, details: {} }),
      );
  };

  const run = useCallback(
    (p: ActionPlan, confirm: boolean | string): void => {
      const actions = service.current;
      if (!actions) return;
      const controller = new AbortController();
      abort.current = controller;
      const gen = open({ step: 'running', plan: p, lines: [], cancelling: false });
      const append = (line: string): void => {
        if (!current(gen)) return;
        setState((s) => (s?.step === 'running' ? { ...s, lines: [...s.lines, line].slice(-MAX_LINES) } : s));
      };
      const meter = (m: ProgressMeter): void => {
        if (!current(gen)) return;
        setState((s) => (s?.step === 'running' ? { ...s, meters: withReading(s.meters ?? [], m) } : s));
      };
      const settle = (outcome: ActionOutcome): void => {
        if (abort.current === controller) abort.current = undefined;
        optsRef.current.onSettled?.(p, outcome);
        if (!current(gen)) return;
        setState((s) => ({ step: 'done', plan: p, outcome, lines: s?.step === 'running' ? s.lines : [] }));
      };
      actions
        .run(p, {
          confirm,
          signal: controller.signal,
          onProgress: (pr) => append(progressLine(pr)),
          onMeter: meter,
        })
        .then(settle, (err: unknown) =>
          settle({ result: 'failed', message: messageOf(err), durationMs: 0, details: {} }),
        );
    },
    [open, setState],
  );

  const apply = useCallback(
    (effect: FlowEffect | undefined): void => {
      if (!effect) return;
      switch (effect.type) {
        case 'plan':
          return plan(effect);
        case 'run':
          return run(effect.plan, effect.confirm);
        case 'cancel':
          abort.current?.abort();
          return;
        case 'close':
          generation.current++;
          return;
      }
    },
    [plan, run],
  );

  const handleKey = useCallback(
    (key: FlowKey): void => {
      const s = stateRef.current;
      if (!s) return;
      const step = flowKey(s, key);
      if (step.state !== s) setState(step.state);
      apply(step.effect);
    },
    [apply, setState, stateRef],
  );

  /** The stop signal and timeout come from inspect: the list does not carry them. */
  const withProfile = useCallback(
    (
      target: Extract<ActionTarget, { kind: 'container' }>,
      title: string,
      next: (s: ReturnType<typeof signalProfile>) => FlowState,
    ): void => {
      const gen = open({ step: 'loading', title, text: `reading the stop signal of ${targetText(target)}…` });
      optsRef.current.loadDetails(target.host, target.id).then(
        (d) => {
          if (current(gen)) setState(next(signalProfile(d)));
        },
        (err: unknown) => {
          if (current(gen))
            setState({
              step: 'error',
              title,
              message: `${target.host}: cannot inspect ${target.name}: ${messageOf(err)} — is it still there?`,
            });
        },
      );
    },
    [open, setState],
  );

  const start = useCallback(
    (kind: ActionKind, target: ActionTarget): void => {
      if (!optsRef.current.actions || optsRef.current.actions.readOnly) return;
      service.current = optsRef.current.actions;
      const first = firstStep(kind, target, optsRef.current.containers);
      if (first?.type === 'plan') plan(first);
      else if (first?.type === 'open') open(first.state);
      else if (first?.type === 'profile') withProfile(first.target, first.title, first.next);
    },
    [open, plan, withProfile],
  );

  // At start: rollouts a crash or a failure left half done are offered for resume or roll back.
  const actions = opts.actions;
  useEffect(() => {
    if (!actions || actions.readOnly) return;
    let live = true;
    actions.interruptedRollouts().then(
      (journals) => {
        if (live && journals.length > 0 && !stateRef.current) {
          service.current = actions;
          open({ step: 'interrupted', journals, index: 0 });
        }
      },
      () => undefined, // an unreadable journal dir is not a reason to block the dashboard
    );
    return () => {
      live = false;
    };
  }, [actions, open, stateRef]);

  // Leaving the dashboard mid-run asks the run to stop and put things back.
  useEffect(() => () => abort.current?.abort(), []);

  const startPrune = useCallback(
    (what: PruneTarget): void => {
      const actions = optsRef.current.prune ?? optsRef.current.actions;
      if (!actions) return;
      service.current = actions;
      plan({
        type: 'plan',
        kind: 'prune',
        target: { kind: 'name', name: what },
        params: {},
        title: `Prune ${what}`,
      });
    },
    [plan],
  );

  const isOpen = useCallback(() => stateRef.current !== undefined, [stateRef]);
  return { state, isOpen, start, startPrune, handleKey };
}

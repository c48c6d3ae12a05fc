import type { Container } from '../../domain/container.js';
import type { SignalProfile } from '../../domain/signals.js';
import { targetText } from '../../domain/target.js';
import type { ActionKind } from '../keymap.js';
import type { ActionTarget } from '../types.js';
import type { FlowEffect, FlowState } from './flow-state.js';
import { signalChoices } from './signal-choices.js';

const SWARM_VERBS = {
  'swarm-force-update': 'Force-update',
  'swarm-rollback': 'Roll back',
  'node-drain': 'Drain',
  'node-activate': 'Activate',
} as const;

/** How an action's dialog begins: plan at once, ask first, or read the stop profile first. */
export type FirstStep =
  | Extract<FlowEffect, { type: 'plan' }>
  | { type: 'open'; state: FlowState }
  | {
      type: 'profile';
      target: Extract<ActionTarget, { kind: 'container' }>;
      title: string;
      next: (profile: SignalProfile) => FlowState;
    };

/** Pure: the first step of `kind` on `target`; undefined where the action does not apply to it. */
export function firstStep(
  kind: ActionKind,
  target: ActionTarget,
  containers: readonly Container[],
): FirstStep | undefined {
  const text = targetText(target);
  switch (kind) {
    case 'restart':
      return { type: 'plan', kind, target, params: {}, title: `Restart ${text}` };
    case 'snapshot':
      return { type: 'plan', kind, target, params: {}, title: `Snapshot ${text}` };
    case 'kill': {
      if (target.kind !== 'container') return undefined;
      const title = `Send a signal to ${text}`;
      return {
        type: 'profile',
        target,
        title,
        next: (profile) => ({
          step: 'signal',
          title,
          target,
          stopSignal: profile.stopSignal,
          choices: signalChoices(profile.stopSignal),
          index: 0,
        }),
      };
    }
    case 'stop': {
      if (target.kind !== 'container') return undefined;
      const title = `Stop ${text}`;
      return {
        type: 'profile',
        target,
        title,
        next: (profile) => ({
          step: 'input',
          title,
          purpose: 'timeout',
          target,
          label: `Seconds from ${profile.stopSignal} to SIGKILL (its own: ${profile.stopTimeoutSeconds})`,
          value: String(profile.stopTimeoutSeconds),
        }),
      };
    }
    case 'swarm-scale': {
      if (target.kind !== 'service') return undefined;
      const now = target.replicas;
      return {
        type: 'open',
        state: {
          step: 'input',
          title: `Scale service ${target.service}`,
          purpose: 'replicas',
          target,
          label: `Replicas for ${target.service}${now !== undefined ? ` (now ${now})` : ''}`,
          value: now !== undefined ? String(now) : '',
        },
      };
    }
    case 'swarm-force-update':
    case 'swarm-rollback':
    case 'node-drain':
    case 'node-activate': {
      const what = target.kind === 'node' ? `node ${target.hostname}` : text;
      return { type: 'plan', kind, target, params: {}, title: `${SWARM_VERBS[kind]} ${what}` };
    }
    case 'redeploy': {
      if (target.kind !== 'role') return undefined;
      const images = [...new Set(containers.filter((c) => c.role === target.role).map((c) => c.image))];
      return {
        type: 'open',
        state: {
          step: 'input',
          title: `Redeploy role ${target.role}`,
          purpose: 'image',
          target,
          label: `New image for role ${target.role}${images.length > 0 ? ` (now: ${images.join(', ')})` : ''}`,
          value: images.length === 1 ? (images[0] ?? '') : '',
        },
      };
    }
  }
}

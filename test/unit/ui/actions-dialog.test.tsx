import { describe, expect, it } from 'vitest';
import { dialogHint, dialogLines, wrap } from '../../../src/ui/action-flow/dialog-lines.js';
import { flowKey, type FlowState } from '../../../src/ui/action-flow/flow-state.js';
import { signalChoices } from '../../../src/ui/action-flow/signal-choices.js';
import { fakePlan } from './actions-fake.js';
import { theme } from './support.js';

describe('action dialog lines', () => {
  it('wraps long messages at spaces, continuation lines indented under their own line', () => {
    const lines = wrap(
      'failed in batch 0 — rollout stopped\n  web-a/web-1: health check failed three times',
      24,
    );
    expect(lines).toEqual([
      'failed in batch 0 —',
      '    rollout stopped',
      '  web-a/web-1: health',
      '      check failed three',
      '      times',
    ]);
    expect(lines.every((l) => l.length <= 24)).toBe(true);
    expect(wrap('x'.repeat(30), 12)).toEqual([
      'x'.repeat(12),
      `    ${'x'.repeat(8)}`,
      `    ${'x'.repeat(8)}`,
      '    xx',
    ]);
  });

  it('cuts a long plan in the middle: summary and confirmation prompt always shown', () => {
    const plan = {
      ...fakePlan('restart', 'role:web'),
      steps: Array.from({ length: 40 }, (_, i) => `web-a: restart web-${i}`),
    };
    const lines = dialogLines({ step: 'confirm', plan, typed: 'we', warnings: [] }, 60, 14, theme('none'));
    expect(lines).toHaveLength(14);
    expect(lines.every((l) => l.length === 60)).toBe(true);
    const text = lines.join('\n');
    expect(text).toContain('restart role:web');
    expect(text).toContain('1. web-a: restart web-0');
    expect(text).toMatch(/… \d+ more/);
    expect(text).toContain('type "web" to proceed');
    expect(text).toContain('> we_');
    expect(dialogHint({ step: 'confirm', plan, typed: '', warnings: [] })).toBe(
      'type web and Enter to run  Esc cancel',
    );
  });
});

describe('action flow keys', () => {
  it('a yes/no plan runs only on y; Enter means no', () => {
    const s: FlowState = {
      step: 'confirm',
      plan: fakePlan('restart', 'web-a/web-1'),
      typed: '',
      warnings: [],
    };
    expect(flowKey(s, { name: 'enter' })).toEqual({ state: undefined, effect: { type: 'close' } });
    expect(flowKey(s, { name: 'x', text: 'x' })).toEqual({ state: s });
    expect(flowKey(s, { name: 'y', text: 'y' }).effect).toEqual({ type: 'run', plan: s.plan, confirm: true });
  });

  it('cancels a run once, and the result is closed by Enter', () => {
    const plan = fakePlan('restart', 'web-a/web-1');
    const running: FlowState = { step: 'running', plan, lines: [], cancelling: false };
    const first = flowKey(running, { name: 'esc' });
    expect(first.effect).toEqual({ type: 'cancel' });
    expect(flowKey(first.state!, { name: 'ctrl-c' }).effect).toBeUndefined();
    const done: FlowState = {
      step: 'done',
      plan,
      outcome: { result: 'ok', message: 'ok', durationMs: 1, details: {} },
      lines: [],
    };
    expect(flowKey(done, { name: 'enter' }).state).toBeUndefined();
  });

  it("puts the container's own stop signal first in the menu, once", () => {
    expect(signalChoices('SIGQUIT')[0]).toBe('SIGQUIT');
    expect(signalChoices('TERM')).toEqual(signalChoices('SIGTERM'));
    expect(signalChoices('SIGTERM').filter((s) => s === 'SIGTERM')).toHaveLength(1);
    expect(signalChoices('28')[0]).toBe('SIGWINCH');
  });
});

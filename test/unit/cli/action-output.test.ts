import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ActionPlan } from '../../../src/actions/index.js';
import { printPlan } from '../../../src/app/commands/actions/run-action.js';

describe('action plans on the terminal', () => {
  it('a label-supplied command in a plan cannot retitle the terminal or fake the confirmation text', () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const plan: ActionPlan = {
      kind: 'restart',
      target: 'lab-0/web-1',
      summary: 'restart lab-0/web-1\x1b]0;owned\x07',
      steps: ['run "pg_ctl stop\x1b[2K\rtype yes to confirm\u202e" inside', 'restart'],
      hosts: ['lab-0'],
      confirmation: { mode: 'yes-no', prompt: 'restart? [y/N]' },
      params: {},
      perHost: [],
      readyTimeoutSeconds: 30,
    };
    printPlan(plan, { stdout: new PassThrough(), stderr, env: {}, now: () => 0 });
    expect(err).toBe('restart lab-0/web-1\n  run "pg_ctl stop type yes to confirm" inside\n  restart\n');
  });
});

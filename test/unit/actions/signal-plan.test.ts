import { describe, expect, it } from 'vitest';
import { planSignalAction, PlanError } from '../../../src/actions/planners/signal-plan.js';
import { details } from './fake-mutations.js';

describe('planSignalAction', () => {
  it('rolling restart of a role: one at a time per host, hosts side by side, typed confirmation', () => {
    const plan = planSignalAction({
      kind: 'restart',
      target: 'role:web',
      containers: [
        details('lab-1', 'web-2'),
        details('lab-0', 'web-2', { stopSignal: 'SIGINT', stopTimeout: 5 }),
        details('lab-0', 'web-1'),
      ],
    });
    expect(plan).toEqual({
      kind: 'restart',
      target: 'role:web',
      summary: 'restart 3 containers of role:web on 2 hosts (rolling: one at a time per host)',
      steps: [
        'lab-0: restart web-1 (SIGTERM, SIGKILL after 10 s), wait until running/healthy',
        'lab-0: restart web-2 (SIGINT, SIGKILL after 5 s), wait until running/healthy',
        'lab-1: restart web-2 (SIGTERM, SIGKILL after 10 s), wait until running/healthy',
      ],
      hosts: ['lab-0', 'lab-1'],
      confirmation: {
        mode: 'type',
        text: 'web',
        prompt:
          'restart 3 containers of role:web on 2 hosts (rolling: one at a time per host) — type "web" to proceed',
      },
      params: { containers: ['lab-0/web-1', 'lab-0/web-2', 'lab-1/web-2'] },
      perHost: [
        {
          host: 'lab-0',
          steps: [
            {
              container: { host: 'lab-0', id: 'lab-0-web-1-0001', name: 'web-1' },
              op: 'restart',
              signal: 'SIGTERM',
              waitReady: true,
            },
            {
              container: { host: 'lab-0', id: 'lab-0-web-2-0001', name: 'web-2' },
              op: 'restart',
              signal: 'SIGINT',
              waitReady: true,
            },
          ],
        },
        {
          host: 'lab-1',
          steps: [
            {
              container: { host: 'lab-1', id: 'lab-1-web-2-0001', name: 'web-2' },
              op: 'restart',
              signal: 'SIGTERM',
              waitReady: true,
            },
          ],
        },
      ],
      readyTimeoutSeconds: 60,
    });
  });

  it('restart of one container asks yes/no and does not wait', () => {
    const plan = planSignalAction({
      kind: 'restart',
      target: 'lab-0/cron',
      containers: [details('lab-0', 'cron', { stopSignal: '2' })],
    });
    expect(plan.steps).toEqual(['lab-0: restart cron (SIGINT, SIGKILL after 10 s)']);
    expect(plan.confirmation).toEqual({ mode: 'yes-no', prompt: 'restart lab-0/cron — proceed? [y/N]' });
    expect(plan.perHost[0]?.steps[0]?.waitReady).toBe(false);
  });

  it('kill normalises the signal and, being destructive, asks for the name', () => {
    const plan = planSignalAction({
      kind: 'kill',
      target: 'lab-0/siglog',
      signal: 'usr1',
      containers: [details('lab-0', 'siglog')],
    });
    expect(plan.summary).toBe('send SIGUSR1 to lab-0/siglog');
    expect(plan.steps).toEqual(['lab-0: send SIGUSR1 to siglog']);
    expect(plan.params).toEqual({ signal: 'SIGUSR1', containers: ['lab-0/siglog'] });
    expect(plan.confirmation).toEqual({
      mode: 'type',
      text: 'siglog',
      prompt: 'send SIGUSR1 to lab-0/siglog — type "siglog" to proceed',
    });
  });

  it('stop with an explicit timeout overrides the container’s own', () => {
    const plan = planSignalAction({
      kind: 'stop',
      target: 'sigignore',
      timeoutSeconds: 2,
      containers: [details('lab-0', 'sigignore', { stopTimeout: 3 })],
    });
    expect(plan.steps).toEqual(['lab-0: stop sigignore (SIGTERM, SIGKILL after 2 s)']);
    expect(plan.perHost[0]?.steps[0]).toEqual({
      container: { host: 'lab-0', id: 'lab-0-sigignore-0001', name: 'sigignore' },
      op: 'stop',
      signal: 'SIGTERM',
      timeoutSeconds: 2,
      waitReady: false,
    });
  });

  it('refuses bad signals, negative timeouts and empty targets with what to do', () => {
    expect(() =>
      planSignalAction({ kind: 'kill', target: 'x', signal: 'SIGNOPE', containers: [details('h', 'x')] }),
    ).toThrow(/"SIGNOPE" is not a signal — use a name like SIGHUP/);
    expect(() =>
      planSignalAction({ kind: 'stop', target: 'x', timeoutSeconds: -1, containers: [details('h', 'x')] }),
    ).toThrow(PlanError);
    expect(() => planSignalAction({ kind: 'restart', target: 'role:none', containers: [] })).toThrow(
      'no container matches "role:none"',
    );
  });
});

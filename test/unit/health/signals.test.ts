import { describe, expect, it } from 'vitest';
import type { ContainerDetails } from '../../../src/domain/details.js';
import {
  decodeExit,
  normaliseSignal,
  signalName,
  signalNumber,
  signalProfile,
} from '../../../src/domain/signals.js';

describe('normaliseSignal', () => {
  it.each([
    ['SIGTERM', 'SIGTERM'],
    ['TERM', 'SIGTERM'],
    ['15', 'SIGTERM'],
    ['sigterm', 'SIGTERM'],
    [' term ', 'SIGTERM'],
    [9, 'SIGKILL'],
    ['kill', 'SIGKILL'],
    ['SIGQUIT', 'SIGQUIT'],
    ['10', 'SIGUSR1'],
    ['SIGIOT', 'SIGABRT'],
    ['RTMIN+3', 'SIGRTMIN+3'],
    ['37', 'SIGRTMIN+3'],
    ['SIGRTMAX', 'SIGRTMIN+30'],
  ] as const)('%s → %s', (input, canonical) => {
    expect(normaliseSignal(input)).toBe(canonical);
  });

  it.each([['SIGFOO'], [''], ['0'], ['65'], ['33'], ['-1']])('%s is not a Linux signal', (input) => {
    expect(normaliseSignal(input)).toBeUndefined();
  });

  it('round-trips names and numbers', () => {
    for (let n = 1; n <= 64; n++) {
      const name = signalName(n);
      if (name !== undefined) expect(signalNumber(name)).toBe(n);
    }
    expect(signalNumber('term')).toBe(15);
  });
});

describe('decodeExit', () => {
  it.each([
    [0, false, 'ok', undefined, 'exited normally (0)'],
    [1, false, 'error', undefined, 'exited with 1'],
    [2, false, 'error', undefined, 'exited with 2'],
    [125, false, 'docker-failed', undefined, 'docker run failed (125): the container did not start'],
    [
      126,
      false,
      'not-executable',
      undefined,
      'command not executable (126): check its permissions and format',
    ],
    [127, false, 'not-found', undefined, 'command not found (127): check the entrypoint and PATH'],
    [128, false, 'error', undefined, 'exited with 128'],
    [129, false, 'signal', 'SIGHUP', 'killed by SIGHUP (129)'],
    [130, false, 'signal', 'SIGINT', 'killed by SIGINT (130)'],
    [134, false, 'signal', 'SIGABRT', 'killed by SIGABRT (134)'],
    [137, false, 'signal', 'SIGKILL', 'killed by SIGKILL (137)'],
    [137, true, 'oom-killed', 'SIGKILL', 'OOM killed (137): the memory limit was reached'],
    [139, false, 'signal', 'SIGSEGV', 'killed by SIGSEGV (139)'],
    [141, false, 'signal', 'SIGPIPE', 'killed by SIGPIPE (141)'],
    [143, false, 'signal', 'SIGTERM', 'killed by SIGTERM (143)'],
    [143, true, 'signal', 'SIGTERM', 'killed by SIGTERM (143)'],
    [255, false, 'error', undefined, 'exited with 255'],
    [-1, false, 'error', undefined, 'exited with -1'],
  ] as const)('%d (oom %s) → %s', (code, oom, kind, signal, message) => {
    expect(decodeExit(code, oom)).toEqual({ code, kind, ...(signal ? { signal } : {}), message });
  });
});

function details(over: Partial<ContainerDetails>): ContainerDetails {
  return {
    host: 'lab-0',
    id: 'abc',
    name: 'web-1',
    role: 'web',
    image: 'tiny:latest',
    imageId: 'sha256:1',
    command: 'httpd',
    created: 0,
    state: 'running',
    status: 'Up',
    health: 'none',
    labels: {},
    ports: [],
    createdAt: '',
    exitCode: 0,
    oomKilled: false,
    restartCount: 0,
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    init: false,
    entrypoint: [],
    cmd: ['httpd', '-f'],
    pid: 1,
    tty: false,
    env: [],
    mounts: [],
    healthLog: [],
    networks: [],
    ...over,
  };
}

describe('signalProfile', () => {
  it('applies the daemon defaults: SIGTERM and 10 s', () => {
    const p = signalProfile(details({}));
    expect(p).toMatchObject({
      stopSignal: 'SIGTERM',
      stopSignalIsDefault: true,
      stopTimeoutSeconds: 10,
      stopTimeoutIsDefault: true,
      init: false,
      pid1Command: 'httpd -f',
      pid1IsShell: false,
    });
    expect(p.notes[0]).toMatch(/^httpd runs as PID 1 without --init/);
  });

  it('takes the configured signal in any spelling and the configured timeout', () => {
    const p = signalProfile(details({ stopSignal: '3', stopTimeout: 30, init: true }));
    expect(p).toMatchObject({
      stopSignal: 'SIGQUIT',
      stopSignalIsDefault: false,
      stopTimeoutSeconds: 30,
      stopTimeoutIsDefault: false,
      init: true,
      notes: [],
    });
  });

  it('notes a shell as PID 1, like the lab sigignore container', () => {
    const p = signalProfile(
      details({
        cmd: ['sh', '-c', 'trap "" TERM; while :; do sleep 1; done'],
        stopTimeout: 3,
        stopSignal: '',
      }),
    );
    expect(p.pid1IsShell).toBe(true);
    expect(p.stopSignalIsDefault).toBe(true);
    expect(p.notes[0]).toBe(
      'PID 1 is a shell (sh -c): it does not forward SIGTERM to the program it runs, so docker stop waits 3 s ' +
        'and kills it — use exec in the script or run with --init',
    );
  });

  it('keeps a stop signal that names nothing, and says docker stop will fail', () => {
    const p = signalProfile(details({ stopSignal: 'SIGFOO', init: true }));
    expect(p.stopSignal).toBe('SIGFOO');
    expect(p.notes).toEqual([
      'stop signal "SIGFOO" is not a Linux signal name or number — docker stop will fail',
    ]);
  });
});

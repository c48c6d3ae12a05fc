import { describe, expect, it } from 'vitest';
import type { ContainerDetails } from '../../../src/domain/details.js';
import { limitTexts } from '../../../src/domain/format/limits.js';
import { diffReplicas } from '../../../src/domain/replica-diff.js';

function replica(name: string, extra: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    host: 'lab-0',
    id: `${name}-id`,
    name,
    role: 'web',
    image: 'shop/web:1.4',
    imageId: 'sha256:aaa',
    command: 'nginx',
    created: 0,
    state: 'running',
    status: 'Up',
    health: 'none',
    labels: { role: 'web', tier: 'front' },
    ports: [],
    createdAt: '',
    exitCode: 0,
    oomKilled: false,
    restartCount: 0,
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    init: false,
    entrypoint: ['/entry.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    pid: 1,
    tty: false,
    env: ['PATH=/usr/bin', 'MODE=prod'],
    mounts: [{ type: 'volume', name: 'data', source: '/v/data', destination: '/data', readWrite: true }],
    healthLog: [],
    networks: [],
    limits: { memoryBytes: 256 * 1024 * 1024 },
    ...extra,
  };
}

describe('diffReplicas', () => {
  it('finds nothing between two replicas started alike (names, ids, state do not count)', () => {
    const other = replica('web-2', { host: 'lab-1', state: 'exited', restartCount: 7, pid: 9 });
    expect(diffReplicas(replica('web-1'), other)).toEqual([]);
  });

  it('lists only what differs, per section, with the side that lacks an entry left out', () => {
    const left = replica('web-1');
    const right = replica('web-3', {
      imageId: 'sha256:bbb',
      cmd: ['nginx', '-g', 'daemon off;', '-q'],
      env: ['PATH=/usr/bin', 'MODE=debug', 'EXTRA=1'],
      labels: { role: 'web' },
      mounts: [{ type: 'bind', source: '/srv/data', destination: '/data', readWrite: false }],
      limits: { memoryBytes: 128 * 1024 * 1024, pids: 50 },
    });
    expect(diffReplicas(left, right)).toEqual([
      { section: 'image', key: 'image id', left: 'sha256:aaa', right: 'sha256:bbb' },
      { section: 'command', key: 'cmd', left: 'nginx -g "daemon off;"', right: 'nginx -g "daemon off;" -q' },
      { section: 'env', key: 'EXTRA', right: '1' },
      { section: 'env', key: 'MODE', left: 'prod', right: 'debug' },
      { section: 'labels', key: 'tier', left: 'front' },
      { section: 'mounts', key: '/data', left: 'volume data', right: 'bind /srv/data (ro)' },
      { section: 'limits', key: 'memory', left: '268.44 MB (256 MiB)', right: '134.22 MB (128 MiB)' },
      { section: 'limits', key: 'pids', left: 'unlimited', right: '50' },
    ]);
  });

  it('counts a limit set on one side only, and an env var present without a value', () => {
    const diff = diffReplicas(replica('a', { limits: {}, env: ['DEBUG'] }), replica('b', { env: [] }));
    expect(diff).toEqual([
      { section: 'env', key: 'DEBUG', left: '' },
      { section: 'limits', key: 'memory', left: 'unlimited', right: '268.44 MB (256 MiB)' },
    ]);
  });
});

describe('limitTexts', () => {
  it('names each limit that is set, in decimal bytes with the binary size typed', () => {
    const texts = limitTexts({ cpus: 1.5, memoryBytes: 2 * 1024 ** 3, memorySwapBytes: -1, pids: 100 });
    expect([...texts]).toEqual([
      ['cpus', '1.5'],
      ['memory', '2.15 GB (2 GiB)'],
      ['memory+swap', 'unlimited'],
      ['pids', '100'],
    ]);
    expect(limitTexts({}).size).toBe(0);
  });
});

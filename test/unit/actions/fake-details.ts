import type { ContainerDetails } from '../../../src/domain/details.js';

/** A container as the test builds it; details() turns it into what inspect returns. */
export function details(host: string, name: string, over: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    host,
    id: `${host}-${name}-0001`,
    name,
    role: name.replace(/-\d+$/, ''),
    image: 'tiny:latest',
    imageId: 'sha256:aaa',
    command: 'sh',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up',
    health: 'none',
    labels: {},
    ports: [],
    createdAt: '2024-01-01T00:00:00Z',
    startedAt: '2024-01-01T00:00:01Z',
    exitCode: 0,
    oomKilled: false,
    restartCount: 0,
    restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
    init: false,
    entrypoint: [],
    cmd: ['sh', '-c', 'serve'],
    pid: 1,
    tty: false,
    env: [],
    mounts: [],
    healthLog: [],
    networks: [],
    ...over,
  };
}

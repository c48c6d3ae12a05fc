import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DockerHostApi, LogStream, LogStreamOptions } from '../../../src/docker/host-api.js';
import type { LogLine } from '../../../src/domain/logs/log-line.js';
import { splitServiceAttrs } from '../../../src/domain/logs/service-attrs.js';
import { LogTail } from '../../../src/fleet/logs/index.js';
import { FakeHostApi } from '../../support/fake-host-api.js';

const ATTRS = (task: string, node: string) =>
  `com.docker.swarm.node.id=${node},com.docker.swarm.service.id=svc1,com.docker.swarm.task.id=${task}`;

/** A manager whose service logs are the given text (a TTY service: plain bytes). */
class ManagerApi extends FakeHostApi {
  asked: Array<{ id: string; opts: LogStreamOptions }> = [];
  constructor(private readonly text: string) {
    super('prod-manager-1');
  }
  serviceLogs = (id: string, opts: LogStreamOptions): Promise<LogStream> => {
    this.asked.push({ id, opts });
    const stream = Readable.from([Buffer.from(this.text)]);
    return Promise.resolve({ stream, tty: true, close: () => stream.destroy() });
  };
}

describe('service logs', () => {
  it('splits the task attributes the daemon prefixes (details=1) off the text', () => {
    expect(splitServiceAttrs(`${ATTRS('t1', 'n%2F1')} hello world`)).toEqual({
      attrs: { nodeId: 'n/1', taskId: 't1' },
      rest: 'hello world',
    });
    expect(splitServiceAttrs('plain line')).toEqual({ attrs: {}, rest: 'plain line' });
  });

  it('reads a service through its manager and names each line SWARM/SERVICE.SLOT@NODE', async () => {
    const api = new ManagerApi(
      [
        `2025-01-15T12:00:01.000000000Z ${ATTRS('t1', 'n1')} one`,
        `2025-01-15T12:00:02.000000000Z ${ATTRS('t2', 'n2')} two`,
        `2025-01-15T12:00:03.000000000Z ${ATTRS('t9', 'n9-0123456789abcdef')} \x1b[31mthree`,
        '',
      ].join('\n'),
    );
    const tail = new LogTail(
      [
        {
          host: 'prod',
          api: api as DockerHostApi,
          service: {
            swarm: 'prod',
            id: 'svc1',
            name: 'web',
            tasks: { t1: 1, t2: 2 },
            nodes: { n1: 'w1', n2: 'w2' },
          },
        },
      ],
      { follow: false, tail: 10, frameMs: 1 },
    );
    const lines: LogLine[] = [];
    tail.onBatch((b) => lines.push(...b));
    tail.start();
    await tail.done;
    expect(api.asked).toEqual([{ id: 'svc1', opts: { follow: false, timestamps: true, tail: 10 } }]);
    expect(lines.filter((l) => l.kind === 'line').map((l) => [l.source, l.text])).toEqual([
      ['prod/web.1@w1', 'one'],
      ['prod/web.2@w2', 'two'],
      // Unknown task and node: their ids, shortened; the text sanitised.
      ['prod/web.t9@n9-012345678', 'three'],
    ]);
  });

  it('a connection without the Swarm API says so instead of reading nothing', async () => {
    const api = new FakeHostApi('plain-host');
    const tail = new LogTail([{ host: 'prod', api, service: { swarm: 'prod', id: 'svc1', name: 'web' } }], {
      follow: false,
    });
    const lines: LogLine[] = [];
    tail.onBatch((b) => lines.push(...b));
    tail.start();
    await tail.done;
    expect(lines.map((l) => l.text).join('\n')).toContain(
      "no Swarm API on this connection — service web's logs",
    );
    expect(tail.getSnapshot().sources[0]?.state).toBe('failed');
  });
});

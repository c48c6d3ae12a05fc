import { PassThrough } from 'node:stream';
import type { Container } from '../../../src/domain/container.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import type { DockerHostApi, LogStream, LogStreamOptions } from '../../../src/docker/host-api.js';
import { HostApiError } from '../../../src/docker/host-api.js';
import { makeContainer, waitFor as sharedWaitFor } from '../../support/fake-host-api.js';

export interface FakeLogCall {
  id: string;
  opts: LogStreamOptions;
  stream: PassThrough;
  closed: boolean;
}

/** A DockerHostApi whose log streams the test writes to and breaks at will. */
export class FakeHostApi implements DockerHostApi {
  readonly calls: FakeLogCall[] = [];
  /** While true, logs() and inspect fail as if the host were unreachable. */
  down = false;
  containerState: ContainerDetails['state'] = 'running';

  constructor(
    readonly name: string,
    private readonly tty = false,
  ) {}

  async logs(id: string, opts: LogStreamOptions): Promise<LogStream> {
    if (this.down) throw this.unreachable();
    const stream = new PassThrough();
    const call: FakeLogCall = { id, opts, stream, closed: false };
    this.calls.push(call);
    return {
      stream,
      tty: this.tty,
      close: () => {
        call.closed = true;
        stream.destroy();
      },
    };
  }

  async inspectContainer(id: string): Promise<ContainerDetails> {
    if (this.down) throw this.unreachable();
    return {
      ...container(this.name, id),
      state: this.containerState,
      exitCode: this.containerState === 'running' ? 0 : 137,
    } as ContainerDetails;
  }

  /** The newest stream opened for `id`. */
  last(id: string): FakeLogCall {
    const found = this.calls.filter((c) => c.id === id).at(-1);
    if (!found) throw new Error(`no log stream opened for ${id}`);
    return found;
  }

  private unreachable(): HostApiError {
    return new HostApiError(this.name, {
      code: 'disconnected',
      message: `${this.name}: connection lost — check the host is up`,
    });
  }

  ping(): never {
    throw new Error('not used');
  }
  info(): never {
    throw new Error('not used');
  }
  version(): never {
    throw new Error('not used');
  }
  listContainers(): never {
    throw new Error('not used');
  }
  statsOnce(): never {
    throw new Error('not used');
  }
  systemDf(): never {
    throw new Error('not used');
  }
  events(): never {
    throw new Error('not used');
  }
  runHostCommand(): never {
    throw new Error('not used');
  }
  request(): never {
    throw new Error('not used');
  }
  async close(): Promise<void> {}
}

export function container(host: string, name: string, role = 'web'): Container {
  return makeContainer(host, name, {
    id: `${name}-id`,
    role,
    image: 'img',
    imageId: 'sha',
    command: '',
    created: 0,
    status: 'Up',
  });
}

/** The shared condition wait, with this folder's argument order (no fixed sleeps). */
export function waitFor(cond: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  return sharedWaitFor(cond, what, timeoutMs);
}

export function ts(second: number, nanos = 0): string {
  const base = new Date(Date.UTC(2024, 4, 1, 10, 0, second)).toISOString().slice(0, 19);
  return `${base}.${String(nanos).padStart(9, '0')}Z`;
}

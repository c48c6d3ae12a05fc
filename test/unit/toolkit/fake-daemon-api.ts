import { HostApiError } from '../../../src/docker/host-api.js';
import type { HostProblem } from '../../../src/domain/host.js';
import { FakeHostApi } from '../../support/fake-host-api.js';

export type Answer =
  { statusCode: number; body: unknown } | ((body?: unknown) => { statusCode: number; body: unknown });

/**
 * A FakeHostApi whose generic `request` answers from a table of `METHOD /path` (query ignored
 * unless the key has one) and records every request, in order.
 */
export class FakeDaemonApi extends FakeHostApi {
  readonly routes = new Map<string, Answer>();
  readonly sent: string[] = [];
  fail?: HostProblem;

  answer(key: string, body: unknown, statusCode = 200): this {
    this.routes.set(key, { statusCode, body });
    return this;
  }

  override async request(
    method = 'GET',
    path = '/',
    body?: unknown,
  ): Promise<{ statusCode: number; body: unknown }> {
    const key = `${method.toUpperCase()} ${path}`;
    this.sent.push(key);
    if (this.fail) throw new HostApiError(this.name, this.fail);
    const a = this.routes.get(key) ?? this.routes.get(key.split('?')[0]!);
    if (!a) return { statusCode: 404, body: { message: `no route ${key}` } };
    return typeof a === 'function' ? a(body) : a;
  }
}

import { describe, expect, it } from 'vitest';
import { classifyConnectError } from '../../../src/ssh/errors.js';

const err = (message: string, fields: Record<string, string> = {}): Error =>
  Object.assign(new Error(message), fields);

describe('classifyConnectError', () => {
  const cases: Array<[Error, string]> = [
    [
      err('connect ECONNREFUSED 10.0.0.7:22', { code: 'ECONNREFUSED', level: 'client-socket' }),
      'connection-refused',
    ],
    [err('getaddrinfo ENOTFOUND web-9', { code: 'ENOTFOUND', level: 'client-socket' }), 'dns'],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'timeout'],
    [err('Keepalive timeout', { level: 'client-timeout' }), 'timeout'],
    [err('connect ETIMEDOUT 10.0.0.7:22', { code: 'ETIMEDOUT' }), 'timeout'],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), 'auth-failed'],
    [err('connect EHOSTUNREACH 10.0.0.7:22', { code: 'EHOSTUNREACH' }), 'unreachable'],
    [err('read ECONNRESET', { code: 'ECONNRESET' }), 'disconnected'],
    [err('Connection lost before handshake'), 'disconnected'],
    [err('something odd'), 'unknown'],
  ];
  it.each(cases)('%s → %s', (e, code) => {
    const classified = classifyConnectError(e, 'ops@10.0.0.7:22');
    expect(classified.code).toBe(code);
    expect(classified.message).toContain('ops@10.0.0.7:22');
    expect(classified.cause).toBe(e);
  });

  it('tells what to do on auth failure', () => {
    const m = classifyConnectError(err('x', { level: 'client-authentication' }), 'ops@h:22').message;
    expect(m).toMatch(/identityFiles|ssh-add/);
  });
});

import { describe, expect, it } from 'vitest';
import { endpointKey, parseProxyJump } from '../../../src/ssh/endpoint.js';
import { endpoint } from './fake-client.js';

describe('parseProxyJump', () => {
  const target = endpoint('10.0.0.7', { identityFiles: ['/k/id'], hostKeyPolicy: 'accept-new' });

  it('reads [user@]host[:port] and inherits keys, known_hosts and policy', () => {
    expect(parseProxyJump('bastion', target)).toMatchObject({ host: 'bastion', port: 22, user: 'ops' });
    expect(parseProxyJump('jump@bastion:2222', target)).toEqual({
      host: 'bastion',
      port: 2222,
      user: 'jump',
      identityFiles: ['/k/id'],
      knownHostsFile: '/k/known_hosts',
      hostKeyPolicy: 'accept-new',
    });
    expect(parseProxyJump('[::1]:2200,second', target)).toMatchObject({ host: '::1', port: 2200 });
  });

  it('says what it expected when it cannot read the value', () => {
    expect(() => parseProxyJump('a:b:c', target)).toThrow(/expected \[user@\]host\[:port\]/);
  });

  it('keys jumped connections apart from direct ones', () => {
    expect(endpointKey(target)).toBe('ops@10.0.0.7:22');
    expect(endpointKey({ ...target, proxyJump: 'bastion' })).toBe('ops@10.0.0.7:22 via bastion');
  });
});

import { describe, expect, it } from 'vitest';
import { formatSshTarget, parseSshTarget } from '../../../src/config/ssh-target.js';

describe('parseSshTarget', () => {
  it.each([
    ['web', { host: 'web' }],
    ['deploy@10.0.0.5', { host: '10.0.0.5', user: 'deploy' }],
    ['deploy@10.0.0.5:2222', { host: '10.0.0.5', user: 'deploy', port: 2222 }],
    ['[::1]:2222', { host: '::1', port: 2222 }],
    ['root@[fe80::1%eth0]', { host: 'fe80::1%eth0', user: 'root' }],
    ['::1', { host: '::1' }],
    ['a.b-c_d', { host: 'a.b-c_d' }],
  ])('%s', (text, expected) => {
    expect(parseSshTarget(text)).toEqual(expected);
  });

  it.each([
    '',
    '@host',
    'host:',
    'host:0',
    'host:65536',
    'host:22x',
    'bad host',
    '-oProxyCommand=x',
    '[::1',
    '[::1]x',
    'a@b c',
  ])('rejects %j', (text) => {
    expect(parseSshTarget(text)).toBeUndefined();
  });

  it('round-trips through formatSshTarget, bracketing IPv6', () => {
    expect(formatSshTarget({ host: '::1', user: 'u', port: 22 })).toBe('u@[::1]:22');
    expect(parseSshTarget(formatSshTarget({ host: '::1', user: 'u', port: 22 }))).toEqual({
      host: '::1',
      user: 'u',
      port: 22,
    });
  });
});

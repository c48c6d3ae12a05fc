import { describe, expect, it } from 'vitest';
import { endpointFromHostSpec, endpointKey, parseProxyJump, routeLabel } from '../../../src/ssh/endpoint.js';
import { endpoint } from './fake-client.js';

describe('parseProxyJump', () => {
  const target = endpoint('10.0.0.7', { identityFiles: ['/k/id'] });

  it('reads [user@]host[:port] hops that inherit keys, known_hosts and policy', () => {
    expect(parseProxyJump('bastion', target)).toEqual([
      { host: 'bastion', port: 22, user: 'ops', identityFiles: ['/k/id'], hostKeys: target.hostKeys },
    ]);
    expect(
      parseProxyJump('jump@bastion:2222,[::1]:2200, ssh://c', target).map((h) => [h.user, h.host, h.port]),
    ).toEqual([
      ['jump', 'bastion', 2222],
      ['ops', '::1', 2200],
      ['ops', 'c', 22],
    ]);
  });

  it('says what it expected when it cannot read the value', () => {
    expect(() => parseProxyJump('a:b:c', target)).toThrow(/expected \[user@\]host\[:port\]/);
  });
});

describe('endpointKey', () => {
  const base = endpoint('10.0.0.7', { identityFiles: ['/k/a'] });

  it('starts with the route, for people', () => {
    expect(endpointKey(base)).toMatch(/^ops@10\.0\.0\.7:22 #[0-9a-f]{12}$/);
    const jumped = { ...base, route: { kind: 'jump' as const, hops: parseProxyJump('bastion', base) } };
    expect(routeLabel(jumped)).toBe('ops@10.0.0.7:22 via ops@bastion:22');
    expect(endpointKey(jumped)).toMatch(/^ops@10\.0\.0\.7:22 via ops@bastion:22 #/);
  });

  it('differs whenever something that authenticates the connection differs', () => {
    const variants = [
      { ...base, user: 'root' },
      { ...base, identityFiles: ['/k/b'] },
      { ...base, identitiesOnly: true },
      { ...base, identityAgent: 'none' },
      { ...base, certificateFiles: ['/k/a-cert.pub'] },
      { ...base, hostKeys: { ...base.hostKeys, policy: 'accept-new' as const } },
      { ...base, hostKeys: { ...base.hostKeys, userKnownHostsFiles: ['/other'] } },
      { ...base, route: { kind: 'command' as const, command: 'nc %h %p' } },
    ];
    const keys = new Set([base, ...variants].map(endpointKey));
    expect(keys.size).toBe(variants.length + 1);
  });

  it('is the same for equal endpoints written in another key order', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(endpointKey(reordered)).toBe(endpointKey(base));
  });
});

describe('endpointFromHostSpec', () => {
  const spec = {
    ssh: { host: 'h', port: 22, user: 'ops', identityFiles: ['/k/id'] },
    knownHostsFile: '/k/kh',
    hostKeyPolicy: 'strict' as const,
  };

  it('gives a host without hostKeys the fleet-wide known_hosts file and policy', () => {
    expect(endpointFromHostSpec(spec)).toEqual({
      host: 'h',
      port: 22,
      user: 'ops',
      identityFiles: ['/k/id'],
      hostKeys: { userKnownHostsFiles: ['/k/kh'], globalKnownHostsFiles: [], policy: 'strict' },
      route: { kind: 'direct' },
    });
  });

  it('takes the route from ProxyCommand, resolved jump hosts, or the proxyJump text', () => {
    expect(endpointFromHostSpec({ ...spec, ssh: { ...spec.ssh, proxyCommand: 'nc %h %p' } }).route).toEqual({
      kind: 'command',
      command: 'nc %h %p',
    });
    const hop = { host: 'j', port: 2222, user: 'jump', identityFiles: [] };
    const jumped = endpointFromHostSpec({
      ...spec,
      ssh: { ...spec.ssh, jumpHosts: [hop], proxyJump: 'ignored' },
    });
    expect(jumped.route).toMatchObject({
      kind: 'jump',
      hops: [{ ...hop, hostKeys: { userKnownHostsFiles: ['/k/kh'] } }],
    });
    const legacy = endpointFromHostSpec({ ...spec, ssh: { ...spec.ssh, proxyJump: 'root@127.0.0.1:22201' } });
    expect(legacy.route).toMatchObject({
      kind: 'jump',
      hops: [{ host: '127.0.0.1', port: 22201, user: 'root' }],
    });
  });
});

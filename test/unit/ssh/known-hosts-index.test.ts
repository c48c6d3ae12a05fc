import { describe, expect, it } from 'vitest';
import { entriesNaming } from '../../../src/ssh/known-hosts-index.js';
import { hashKnownHostName, hostFieldMatches, parseKnownHosts } from '../../../src/ssh/known-hosts.js';

const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const line = (field: string) => `${field} ssh-ed25519 ${KEY}`;

describe('entriesNaming', () => {
  const text = [
    line('web-1,10.0.0.1'),
    line('*.example.com'),
    line(hashKnownHostName('[db.example.com]:2222', Buffer.alloc(20, 7))),
    line('WEB-1'),
    line('*.example.com,!bad.example.com'),
    line('[db.example.com]:2222'),
    line('web-1?'),
  ].join('\n');
  const entries = parseKnownHosts(text);

  it('finds what testing every line finds, in file order', () => {
    for (const name of [
      'web-1',
      '10.0.0.1',
      'a.example.com',
      'bad.example.com',
      '[db.example.com]:2222',
      'web-12',
      'nope',
    ]) {
      const expected = entries.filter((e) => hostFieldMatches(e.hostField, name)).map((e) => e.line);
      expect(
        entriesNaming(entries, name).map((e) => e.line),
        name,
      ).toEqual(expected);
    }
    expect(entriesNaming(entries, 'web-1').map((e) => e.line)).toEqual([1, 4]);
    expect(entriesNaming(entries, '[db.example.com]:2222').map((e) => e.line)).toEqual([3, 6]);
    expect(entriesNaming(entries, 'bad.example.com').map((e) => e.line)).toEqual([2]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatKnownHostsLine,
  hashKnownHostName,
  hostFieldMatches,
  keyTypeOfBlob,
  knownHostsName,
  parseKnownHosts,
} from '../../../src/ssh/known-hosts.js';
import { fakeKeyBlob, REAL_ED25519 } from './keys.js';

describe('parseKnownHosts', () => {
  it('reads plain, hashed and marked lines with their line numbers, skipping comments and junk', () => {
    const text = [
      '# comment',
      '',
      `web-1,10.0.0.7 ssh-ed25519 ${REAL_ED25519} root@vm`,
      '@revoked * ssh-ed25519 ' + REAL_ED25519,
      '@cert-authority *.example.org ssh-ed25519 ' + REAL_ED25519,
      '@bogus host ssh-ed25519 ' + REAL_ED25519,
      'only-two-fields ssh-rsa',
      `|1|VcR93YgH282fOcahiEb4dFLJ4XA=|zEWCVsXK3rS53tqlOfpMJXtWd2g= ssh-ed25519 ${REAL_ED25519}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries.every((e) => e.file === 'known_hosts')).toBe(true);
    expect(entries.map((e) => [e.line, e.marker, e.keyType])).toEqual([
      [3, undefined, 'ssh-ed25519'],
      [4, 'revoked', 'ssh-ed25519'],
      [5, 'cert-authority', 'ssh-ed25519'],
      [8, undefined, 'ssh-ed25519'],
    ]);
    expect(entries[0]?.key.toString('base64')).toBe(REAL_ED25519);
  });
});

describe('hostFieldMatches', () => {
  it('uses [host]:port for ports other than 22', () => {
    expect(knownHostsName('Web-1', 22)).toBe('web-1');
    expect(knownHostsName('10.0.0.7', 2222)).toBe('[10.0.0.7]:2222');
    expect(hostFieldMatches('[10.0.0.7]:2222', '[10.0.0.7]:2222')).toBe(true);
    expect(hostFieldMatches('10.0.0.7', '[10.0.0.7]:2222')).toBe(false);
  });

  it('matches a plain name case-insensitively, and the same pattern again for another name', () => {
    expect(hostFieldMatches('[Web1.Example]:2200', '[web1.example]:2200')).toBe(true);
    expect(hostFieldMatches('web*', 'web1')).toBe(true);
    expect(hostFieldMatches('web*', 'db1')).toBe(false);
    expect(hostFieldMatches('web1', 'web10')).toBe(false);
  });

  it('matches comma lists, wildcards and negations', () => {
    expect(hostFieldMatches('web-1,10.0.0.7', '10.0.0.7')).toBe(true);
    expect(hostFieldMatches('*.example.org', 'db.example.org')).toBe(true);
    expect(hostFieldMatches('web-?', 'web-12')).toBe(false);
    expect(hostFieldMatches('*.example.org,!bad.example.org', 'bad.example.org')).toBe(false);
    expect(hostFieldMatches('WEB-1', 'web-1')).toBe(true);
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    // Both produced by `ssh-keygen -H` on this machine.
    expect(
      hostFieldMatches('|1|DiG6pIFx7SnIpNcBBl6YVFc91Mk=|LBY5p+56TiqGIj5lY81Br6iW5wA=', 'example.org'),
    ).toBe(true);
    expect(
      hostFieldMatches('|1|DiG6pIFx7SnIpNcBBl6YVFc91Mk=|LBY5p+56TiqGIj5lY81Br6iW5wA=', 'example.com'),
    ).toBe(false);
    expect(
      hostFieldMatches('|1|VcR93YgH282fOcahiEb4dFLJ4XA=|zEWCVsXK3rS53tqlOfpMJXtWd2g=', '[127.0.0.1]:22399'),
    ).toBe(true);
    expect(hostFieldMatches('|1|broken', 'example.org')).toBe(false);
  });

  it('hashes names as HMAC-SHA1 with the salt', () => {
    const salt = Buffer.from('DiG6pIFx7SnIpNcBBl6YVFc91Mk=', 'base64');
    expect(hashKnownHostName('example.org', salt)).toBe(
      '|1|DiG6pIFx7SnIpNcBBl6YVFc91Mk=|LBY5p+56TiqGIj5lY81Br6iW5wA=',
    );
  });
});

describe('key blobs', () => {
  it('reads the key type and formats a line to append', () => {
    const blob = Buffer.from(REAL_ED25519, 'base64');
    expect(keyTypeOfBlob(blob)).toBe('ssh-ed25519');
    expect(keyTypeOfBlob(fakeKeyBlob('ecdsa-sha2-nistp256'))).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOfBlob(Buffer.from([0, 0]))).toBe('unknown');
    expect(formatKnownHostsLine(knownHostsName('10.0.0.7', 2222), blob)).toBe(
      `[10.0.0.7]:2222 ssh-ed25519 ${REAL_ED25519}`,
    );
    expect(formatKnownHostsLine('web-1', blob)).toBe(`web-1 ssh-ed25519 ${REAL_ED25519}`);
  });

  it('writes hashed lines (HashKnownHosts yes) that match the name and nothing else', () => {
    const blob = Buffer.from(REAL_ED25519, 'base64');
    const line = formatKnownHostsLine('[10.0.0.7]:2222', blob, { hash: true });
    const [field, type, key] = line.split(' ');
    expect(field).toMatch(/^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28}$/);
    expect([type, key]).toEqual(['ssh-ed25519', REAL_ED25519]);
    expect(hostFieldMatches(field ?? '', '[10.0.0.7]:2222')).toBe(true);
    expect(hostFieldMatches(field ?? '', '10.0.0.7')).toBe(false);
    // A fresh salt each time: two hashed lines for one name differ.
    expect(formatKnownHostsLine('[10.0.0.7]:2222', blob, { hash: true })).not.toBe(line);
  });
});

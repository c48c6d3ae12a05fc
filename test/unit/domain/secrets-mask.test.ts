import { describe, expect, it } from 'vitest';
import {
  isSecretKey,
  maskEnvEntry,
  maskSecretShapes,
  maskValue,
  MASK,
} from '../../../src/domain/secrets/mask.js';

describe('secret masking', () => {
  it('masks the password of a URL, whatever the key, keeping user and host', () => {
    expect(maskEnvEntry('DATABASE_URL=postgres://u:pw@db:5432/app')).toBe(
      'DATABASE_URL=postgres://u:•••@db:5432/app',
    );
    expect(maskEnvEntry('UPSTREAM=https://bot:s3cr%40t@git.example.com/x.git')).toBe(
      'UPSTREAM=https://bot:•••@git.example.com/x.git',
    );
    expect(maskSecretShapes('amqp://:onlypw@mq')).toBe('amqp://:•••@mq');
    // A URL without a password, or an email address, is left alone.
    expect(maskEnvEntry('HOME_URL=https://user@example.com/a')).toBe('HOME_URL=https://user@example.com/a');
    expect(maskEnvEntry('ADMIN=ops@example.com')).toBe('ADMIN=ops@example.com');
    expect(maskEnvEntry('PORT=http://localhost:8080/x')).toBe('PORT=http://localhost:8080/x');
  });

  it('masks well-known token shapes, keeping a recognisable head', () => {
    const cases: Array<[string, string]> = [
      ['AWS_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_ID=AKIA•••'],
      ['TMP=ASIAIOSFODNN7EXAMPLE', 'TMP=ASIA•••'],
      ['GH=ghp_' + 'a'.repeat(36), 'GH=ghp_•••'],
      ['GH2=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'GH2=github_pat_•••'],
      ['HOOK=xoxb-1234567890-abcdefghij', 'HOOK=xoxb-•••'],
      [
        'ID=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
        'ID=eyJ•••',
      ],
      ['HDR=Authorization: Bearer abc.def.ghi-123456', 'HDR=Authorization: Bearer •••'],
    ];
    for (const [entry, shown] of cases) expect(maskEnvEntry(entry)).toBe(shown);
  });

  it('masks a PEM private key block, also one cut off before its end', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY-----';
    expect(maskSecretShapes(`TLS=${pem} tail`)).toBe(
      'TLS=-----BEGIN RSA PRIVATE KEY----- ••• -----END RSA PRIVATE KEY----- tail',
    );
    expect(maskSecretShapes('-----BEGIN PRIVATE KEY-----\nMIIEv')).toBe(
      '-----BEGIN PRIVATE KEY----- ••• -----END PRIVATE KEY-----',
    );
    // A certificate is public.
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(maskSecretShapes(cert)).toBe(cert);
  });

  it('still masks the whole value of a key named like a secret, and leaves plain values', () => {
    expect(isSecretKey('DB_PASSWORD')).toBe(true);
    expect(maskEnvEntry('DB_PASSWORD=hunter2')).toBe(`DB_PASSWORD=${MASK}`);
    expect(maskValue('com.example.api-token', 'abc')).toBe(MASK);
    expect(maskEnvEntry('LANG=C.UTF-8')).toBe('LANG=C.UTF-8');
    expect(maskEnvEntry('EMPTY_TOKEN=')).toBe('EMPTY_TOKEN=');
    expect(maskValue('authors', 'a, b')).toBe('a, b');
  });
});

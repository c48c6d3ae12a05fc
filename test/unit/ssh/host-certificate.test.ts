import { describe, expect, it } from 'vitest';
import {
  hostCertificateProblem,
  parseCertificate,
  verifySshSignature,
} from '../../../src/ssh/host-certificate.js';
import { fixtureBlob, IN_2030 } from './cert-fixtures.js';

describe('parseCertificate', () => {
  it('reads type, kind, id, principals, validity and the CA key of an ssh-keygen certificate', () => {
    const cert = parseCertificate(fixtureBlob('host-ed25519-by-ed25519-ca-cert.pub'));
    expect(cert).toMatchObject({
      type: 'ssh-ed25519-cert-v01@openssh.com',
      kind: 'host',
      keyId: 'web-1-host',
      principals: ['web-1.example', '10.0.0.7'],
      criticalOptions: [],
      serial: 0n,
    });
    expect(cert.signatureKey.equals(fixtureBlob('ca_ed25519.pub'))).toBe(true);
    // The certified key is the host's plain key.
    expect(cert.publicKey.equals(fixtureBlob('host_ed25519.pub'))).toBe(true);
    expect(parseCertificate(fixtureBlob('user-ed25519-cert.pub')).kind).toBe('user');
  });

  it('refuses what is not a certificate, and truncated data', () => {
    expect(() => parseCertificate(fixtureBlob('host_ed25519.pub'))).toThrow(/not a certificate type/);
    const blob = fixtureBlob('host-ed25519-by-ed25519-ca-cert.pub');
    expect(() => parseCertificate(blob.subarray(0, 80))).toThrow(/truncated/);
  });
});

describe('CA signatures (ed25519, RSA SHA-512, ECDSA P-256)', () => {
  it.each([
    'host-ed25519-by-ed25519-ca-cert.pub',
    'host-ed25519-by-rsa-ca-cert.pub',
    'host-ecdsa-by-ecdsa-ca-any-name-cert.pub',
  ])('%s verifies, and fails once a signed byte changes', (file) => {
    const cert = parseCertificate(fixtureBlob(file));
    expect(verifySshSignature(cert.signatureKey, cert.signedData, cert.signature)).toBe(true);
    const tampered = Buffer.from(cert.signedData);
    tampered[tampered.length - 100] = (tampered[tampered.length - 100] ?? 0) ^ 1;
    expect(verifySshSignature(cert.signatureKey, tampered, cert.signature)).toBe(false);
  });
});

describe('hostCertificateProblem', () => {
  const good = parseCertificate(fixtureBlob('host-ed25519-by-ed25519-ca-cert.pub'));

  it('accepts a listed principal inside the validity window', () => {
    expect(hostCertificateProblem(good, 'web-1.example', IN_2030)).toBeUndefined();
    expect(hostCertificateProblem(good, '10.0.0.7', IN_2030)).toBeUndefined();
  });

  it('accepts any name when the certificate lists none', () => {
    const any = parseCertificate(fixtureBlob('host-ecdsa-by-ecdsa-ca-any-name-cert.pub'));
    expect(hostCertificateProblem(any, 'whatever', IN_2030)).toBeUndefined();
  });

  it('says why it refuses: wrong name, expired, not yet valid, user certificate', () => {
    expect(hostCertificateProblem(good, 'db-1.example', IN_2030)).toBe(
      'it names web-1.example, 10.0.0.7, not db-1.example',
    );
    const expired = parseCertificate(fixtureBlob('host-ed25519-expired-cert.pub'));
    expect(hostCertificateProblem(expired, 'web-1.example', IN_2030)).toMatch(/^it expired at 2020-02-0/);
    expect(hostCertificateProblem(good, 'web-1.example', Date.UTC(2019, 0, 1))).toMatch(
      /not valid before 20(19|20)-/,
    );
    const user = parseCertificate(fixtureBlob('user-ed25519-cert.pub'));
    expect(hostCertificateProblem(user, 'web-1.example', IN_2030)).toBe(
      'it is a user certificate, not a host certificate',
    );
  });
});

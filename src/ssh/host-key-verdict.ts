import { createHash } from 'node:crypto';
import {
  hostCertificateProblem,
  isCertificateType,
  parseCertificate,
  type SshCertificate,
} from './host-certificate.js';
import { keyTypeOfBlob, type KnownHostEntry } from './known-hosts.js';
import { entriesNaming } from './known-hosts-index.js';

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownHostEntry }
  | {
      kind: 'unknown';
      otherTypesKnown: string[];
      /** `@cert-authority` lines for this name: it is meant to present a certificate. */
      authorities: KnownHostEntry[];
    }
  | { kind: 'mismatch'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry }
  /** A host certificate signed by a CA of `entry`, valid for this host now. */
  | { kind: 'certified'; entry: KnownHostEntry; cert: SshCertificate }
  /** A certificate that may not be used (unreadable; from a trusted CA but expired, wrong name…). */
  | { kind: 'bad-certificate'; entry?: KnownHostEntry; reason: string };

export interface JudgeOptions {
  /** The name a host certificate must list (HostKeyAlias, else the host name). */
  principal: string;
  nowMs: number;
}

function judgePlainKey(forName: KnownHostEntry[], blob: Buffer): HostKeyVerdict {
  const revoked = forName.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = forName.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.key.equals(blob));
  if (same) return { kind: 'known', entry: same };
  const type = keyTypeOfBlob(blob);
  const stale = plain.find((e) => e.keyType === type);
  if (stale) return { kind: 'mismatch', entry: stale };
  // Like OpenSSH, a key of a type not yet recorded is new, not changed.
  return {
    kind: 'unknown',
    otherTypesKnown: [...new Set(plain.map((e) => e.keyType))],
    authorities: forName.filter((e) => e.marker === 'cert-authority'),
  };
}

/**
 * What known_hosts says about `blob` presented under `name` (`[host]:port`, `host` on port 22,
 * or a HostKeyAlias). A certificate is checked against the `@cert-authority` lines; one no
 * trusted CA signed is judged by its plain key, as OpenSSH does. Pure but for the clock given.
 */
export function judgeHostKey(
  entries: readonly KnownHostEntry[],
  name: string,
  blob: Buffer,
  opts: JudgeOptions,
): HostKeyVerdict {
  const forName = entriesNaming(entries, name);
  if (!isCertificateType(keyTypeOfBlob(blob))) return judgePlainKey(forName, blob);
  let cert: SshCertificate;
  try {
    cert = parseCertificate(blob);
  } catch (err) {
    return { kind: 'bad-certificate', reason: `it cannot be read (${(err as Error).message})` };
  }
  const revoked = forName.find(
    (e) => e.marker === 'revoked' && (e.key.equals(cert.publicKey) || e.key.equals(cert.signatureKey)),
  );
  if (revoked) return { kind: 'revoked', entry: revoked };
  const ca = forName.find((e) => e.marker === 'cert-authority' && e.key.equals(cert.signatureKey));
  if (!ca) return judgePlainKey(forName, cert.publicKey);
  const problem = hostCertificateProblem(cert, opts.principal, opts.nowMs);
  return problem
    ? { kind: 'bad-certificate', entry: ca, reason: problem }
    : { kind: 'certified', entry: ca, cert };
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

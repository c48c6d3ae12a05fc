import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { unsignedMagnitude, WireReader } from './wire.js';

/*
 * OpenSSH certificates (PROTOCOL.certkeys): a public key signed by a certificate authority,
 * with a type (user/host), principals and a validity window. Used for `@cert-authority` lines.
 */

export const CERT_SUFFIX = '-cert-v01@openssh.com';

export interface SshCertificate {
  /** e.g. `ssh-ed25519-cert-v01@openssh.com`. */
  type: string;
  serial: bigint;
  kind: 'user' | 'host' | 'unknown';
  keyId: string;
  /** Empty: valid for any name. */
  principals: string[];
  /** Seconds since the epoch; validBefore 2^64-1 means forever. */
  validAfter: bigint;
  validBefore: bigint;
  criticalOptions: string[];
  /** The CA's public key blob. */
  signatureKey: Buffer;
  /** The blob of the certified key itself (as a plain key of the base type). */
  publicKey: Buffer;
  /** What the CA signed, and its signature blob. */
  signedData: Buffer;
  signature: Buffer;
}

export function isCertificateType(type: string): boolean {
  return type.endsWith(CERT_SUFFIX);
}

function sshString(value: Buffer | string): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value) : value;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, data]);
}

/** Reads the key fields of a certificate's base type, returning the plain key blob. */
function readKeyFields(reader: WireReader, baseType: string): Buffer {
  const fields: Buffer[] = [];
  if (baseType === 'ssh-ed25519') fields.push(reader.bytes());
  else if (baseType === 'ssh-rsa') fields.push(reader.bytes(), reader.bytes());
  else if (baseType.startsWith('ecdsa-sha2-')) fields.push(reader.bytes(), reader.bytes());
  else throw new Error(`unsupported certificate key type ${baseType}`);
  return Buffer.concat([sshString(baseType), ...fields.map(sshString)]);
}

/** Parses a certificate blob; throws on anything malformed or of an unsupported key type. */
export function parseCertificate(blob: Buffer): SshCertificate {
  const reader = new WireReader(blob);
  const type = reader.string();
  if (!isCertificateType(type)) throw new Error(`${type} is not a certificate type`);
  reader.bytes(); // nonce
  const publicKey = readKeyFields(reader, type.slice(0, -CERT_SUFFIX.length));
  const serial = reader.uint64();
  const kindCode = reader.uint32();
  const keyId = reader.string();
  const principals = reader.stringList();
  const validAfter = reader.uint64();
  const validBefore = reader.uint64();
  const criticalOptions = reader.nameList();
  reader.nameList(); // extensions
  reader.bytes(); // reserved
  const signatureKey = reader.bytes();
  const signedData = blob.subarray(0, reader.offset);
  const signature = reader.bytes();
  return {
    type,
    serial,
    kind: kindCode === 2 ? 'host' : kindCode === 1 ? 'user' : 'unknown',
    keyId,
    principals,
    validAfter,
    validBefore,
    criticalOptions,
    signatureKey,
    publicKey,
    signedData,
    signature,
  };
}

const EC_CURVES: Record<string, { crv: string; size: number; hash: string }> = {
  nistp256: { crv: 'P-256', size: 32, hash: 'sha256' },
  nistp384: { crv: 'P-384', size: 48, hash: 'sha384' },
  nistp521: { crv: 'P-521', size: 66, hash: 'sha512' },
};

const b64url = (b: Buffer): string => b.toString('base64url');

/** A node:crypto key for an SSH public key blob (ed25519, RSA, ECDSA). */
export function publicKeyObject(blob: Buffer): KeyObject {
  const reader = new WireReader(blob);
  const type = reader.string();
  if (type === 'ssh-ed25519') {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(reader.bytes()) }, format: 'jwk' });
  }
  if (type === 'ssh-rsa') {
    const e = unsignedMagnitude(reader.bytes());
    const n = unsignedMagnitude(reader.bytes());
    return createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
  }
  const curve = EC_CURVES[reader.string()];
  if (type.startsWith('ecdsa-sha2-') && curve) {
    const q = reader.bytes();
    if (q[0] !== 4 || q.length !== 1 + 2 * curve.size) throw new Error('unsupported EC point encoding');
    const x = q.subarray(1, 1 + curve.size);
    const y = q.subarray(1 + curve.size);
    return createPublicKey({ key: { kty: 'EC', crv: curve.crv, x: b64url(x), y: b64url(y) }, format: 'jwk' });
  }
  throw new Error(`unsupported CA key type ${type}`);
}

/** Whether `signatureBlob` (SSH signature format) is a valid signature of `data` by `keyBlob`. */
export function verifySshSignature(keyBlob: Buffer, data: Buffer, signatureBlob: Buffer): boolean {
  const key = publicKeyObject(keyBlob);
  const sig = new WireReader(signatureBlob);
  const algorithm = sig.string();
  const raw = sig.bytes();
  if (algorithm === 'ssh-ed25519') return verify(null, data, key, raw);
  const rsaHash = { 'rsa-sha2-256': 'sha256', 'rsa-sha2-512': 'sha512', 'ssh-rsa': 'sha1' }[algorithm];
  if (rsaHash) return verify(rsaHash, data, key, raw);
  const curve = EC_CURVES[algorithm.replace(/^ecdsa-sha2-/, '')];
  if (curve) {
    // (mpint r, mpint s) → fixed-width r||s.
    const rs = new WireReader(raw);
    const pad = (b: Buffer) =>
      Buffer.concat([Buffer.alloc(curve.size), unsignedMagnitude(b)]).subarray(-curve.size);
    const p1363 = Buffer.concat([pad(rs.bytes()), pad(rs.bytes())]);
    return verify(curve.hash, data, { key, dsaEncoding: 'ieee-p1363' }, p1363);
  }
  throw new Error(`unsupported signature algorithm ${algorithm}`);
}

const FOREVER = 0xffffffffffffffffn;

/**
 * Why a host certificate signed by a trusted CA may not be used for `hostname` at `nowMs`, or
 * undefined when it may (as OpenSSH: host type, principal listed or none listed, inside its
 * validity, no critical options — none are defined for host certificates).
 */
export function hostCertificateProblem(
  cert: SshCertificate,
  hostname: string,
  nowMs: number,
): string | undefined {
  if (cert.kind !== 'host') return `it is a ${cert.kind} certificate, not a host certificate`;
  const now = BigInt(Math.floor(nowMs / 1000));
  if (now < cert.validAfter) return `it is not valid before ${formatCertTime(cert.validAfter)}`;
  if (cert.validBefore !== FOREVER && now >= cert.validBefore)
    return `it expired at ${formatCertTime(cert.validBefore)}`;
  if (cert.principals.length > 0 && !cert.principals.includes(hostname.toLowerCase()))
    return `it names ${cert.principals.join(', ')}, not ${hostname}`;
  if (cert.criticalOptions.length > 0)
    return `it has critical options fleetdeck does not know (${cert.criticalOptions.join(', ')})`;
  if (!verifySshSignature(cert.signatureKey, cert.signedData, cert.signature))
    return 'its CA signature does not verify';
  return undefined;
}

function formatCertTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

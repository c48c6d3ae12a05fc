import { randomBytes } from 'node:crypto';

/** An SSH public key blob of `type` with random key material (enough for known_hosts logic). */
export function fakeKeyBlob(type: string, material = randomBytes(32)): Buffer {
  const name = Buffer.from(type, 'ascii');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(name.length);
  const mlen = Buffer.alloc(4);
  mlen.writeUInt32BE(material.length);
  return Buffer.concat([len, name, mlen, material]);
}

/** A real ed25519 host key (from a throwaway lab sshd). */
export const REAL_ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIHUoSh6Fh1+dl6gZ89f7PKYyQjIf3IJjbgD6tEmjLVpn';

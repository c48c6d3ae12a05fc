import { createHmac, randomBytes } from 'node:crypto';

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  /** The file it was read from (for messages). */
  file: string;
  /** 1-based line number in the file (for "remove line N" advice). */
  line: number;
  /** `@revoked` keys are refused; `@cert-authority` lines are kept but never match a plain key. */
  marker?: 'revoked' | 'cert-authority';
  /** The host field as written: comma-separated patterns or one `|1|salt|hash`. */
  hostField: string;
  keyType: string;
  key: Buffer;
}

/** Parses known_hosts text. Malformed lines are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file = 'known_hosts'): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let fields = trimmed.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    const first = fields[0] ?? '';
    if (first.startsWith('@')) {
      if (first === '@revoked') marker = 'revoked';
      else if (first === '@cert-authority') marker = 'cert-authority';
      else return; // unknown marker: ignore the line rather than misread it
      fields = fields.slice(1);
    }
    const [hostField, keyType, keyBase64] = fields;
    if (!hostField || !keyType || !keyBase64) return;
    const key = Buffer.from(keyBase64, 'base64');
    if (key.length === 0) return;
    entries.push({ file, line: index + 1, marker, hostField, keyType, key });
  });
  return entries;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

/** `|1|salt|hash` form of a name, as `ssh-keygen -H` writes it. */
export function hashKnownHostName(name: string, salt: Buffer): string {
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${hash}`;
}

/** Compiled patterns: every host of a fleet checks every line of the same file (N² otherwise). */
const compiled = new Map<string, RegExp>();
const COMPILED_CAP = 4096;

function globToRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  re = new RegExp(`^${escaped}$`, 'i');
  if (compiled.size >= COMPILED_CAP) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** A pattern without wildcards is a name: compared as one, case-insensitively. */
function patternMatches(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === name || pattern.toLowerCase() === name.toLowerCase();
  return globToRegExp(pattern).test(name);
}

/** Whether an entry's host field names `name` (from knownHostsName). */
export function hostFieldMatches(hostField: string, name: string): boolean {
  if (hostField.startsWith('|1|')) {
    const [, , salt, hash] = hostField.split('|');
    if (!salt || !hash) return false;
    return hashKnownHostName(name, Buffer.from(salt, 'base64')) === hostField;
  }
  let matched = false;
  for (const pattern of hostField.split(',')) {
    if (pattern.startsWith('!')) {
      // A matching negation excludes the host whatever the other patterns say.
      if (patternMatches(pattern.slice(1), name)) return false;
    } else if (patternMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** The algorithm name at the start of an SSH public key blob (`ssh-ed25519`, `ssh-rsa`…). */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  if (len > 64 || blob.length < 4 + len) return 'unknown';
  return blob.subarray(4, 4 + len).toString('ascii');
}

/**
 * A line recording `blob` under `name` (from knownHostsName, or a HostKeyAlias); hashed as
 * `ssh-keygen -H` does when `hash` is set (HashKnownHosts yes).
 */
export function formatKnownHostsLine(name: string, blob: Buffer, opts: { hash?: boolean } = {}): string {
  const field = opts.hash ? hashKnownHostName(name, randomBytes(20)) : name;
  return `${field} ${keyTypeOfBlob(blob)} ${blob.toString('base64')}`;
}

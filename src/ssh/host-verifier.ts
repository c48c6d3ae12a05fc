import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SshError } from './errors.js';
import {
  formatKnownHostsLine,
  hostFieldMatches,
  keyTypeOfBlob,
  knownHostsName,
  parseKnownHosts,
  type KnownHostEntry,
} from './known-hosts.js';

export type HostKeyPolicy = 'strict' | 'accept-new';

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownHostEntry }
  | { kind: 'unknown'; otherTypesKnown: string[] }
  | { kind: 'mismatch'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry };

/** What known_hosts says about `blob` presented by host:port. Pure. */
export function judgeHostKey(
  entries: KnownHostEntry[],
  host: string,
  port: number,
  blob: Buffer,
): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const forHost = entries.filter((e) => hostFieldMatches(e.hostField, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  if (revoked) return { kind: 'revoked', entry: revoked };
  // Certificate authorities sign host certificates; a plain host key never matches them.
  const plain = forHost.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.key.equals(blob));
  if (same) return { kind: 'known', entry: same };
  const type = keyTypeOfBlob(blob);
  const stale = plain.find((e) => e.keyType === type);
  if (stale) return { kind: 'mismatch', entry: stale };
  // Like OpenSSH, a key of a type not yet recorded is new, not changed.
  return { kind: 'unknown', otherTypesKnown: [...new Set(plain.map((e) => e.keyType))] };
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Reading and appending known_hosts; injectable so tests need no real files. */
export interface KnownHostsStore {
  read(file: string): Promise<string>;
  append(file: string, line: string): Promise<void>;
}

export const fileKnownHostsStore: KnownHostsStore = {
  async read(file) {
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    }
  },
  async append(file, line) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const current = await fileKnownHostsStore.read(file);
    const prefix = current === '' || current.endsWith('\n') ? '' : '\n';
    await appendFile(file, `${prefix}${line}\n`, { mode: 0o600 });
  },
};

export interface HostKeyCheckOptions {
  host: string;
  port: number;
  knownHostsFile: string;
  policy: HostKeyPolicy;
  store?: KnownHostsStore;
}

const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;
export type HostKeyAlgorithm = (typeof DEFAULT_HOST_KEY_ALGORITHMS)[number];

function algorithmsForKeyType(keyType: string): HostKeyAlgorithm[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => a === keyType);
}

/**
 * Checks the key a server presents during the handshake. ssh2 only reports "Host denied", so the
 * reason is kept here (`refusal`) for the connector to report instead.
 */
export class HostKeyChecker {
  refusal: SshError | undefined;
  /** Set when accept-new recorded the key. */
  recorded: string | undefined;

  private constructor(
    private readonly opts: HostKeyCheckOptions,
    private readonly entries: KnownHostEntry[],
  ) {}

  static async load(opts: HostKeyCheckOptions): Promise<HostKeyChecker> {
    const store = opts.store ?? fileKnownHostsStore;
    return new HostKeyChecker(opts, parseKnownHosts(await store.read(opts.knownHostsFile)));
  }

  /**
   * Host key algorithms with the types already recorded for this host first, so a server with
   * several keys presents one we can check (OpenSSH orders them the same way).
   */
  preferredAlgorithms(): HostKeyAlgorithm[] {
    const name = knownHostsName(this.opts.host, this.opts.port);
    const known = this.entries
      .filter((e) => e.marker === undefined && hostFieldMatches(e.hostField, name))
      .flatMap((e) => algorithmsForKeyType(e.keyType));
    return [...new Set([...known, ...DEFAULT_HOST_KEY_ALGORITHMS])];
  }

  /** ssh2 `hostVerifier` (with `hostHash` unset it gets the raw key blob). */
  readonly verify = (blob: Buffer, done: (accept: boolean) => void): void => {
    this.decide(blob).then(done, (err: unknown) => {
      this.refusal = new SshError('unknown', `could not check the host key: ${String(err)}`, { cause: err });
      done(false);
    });
  };

  private async decide(blob: Buffer): Promise<boolean> {
    const { host, port, knownHostsFile: file, policy } = this.opts;
    const verdict = judgeHostKey(this.entries, host, port, blob);
    const type = keyTypeOfBlob(blob);
    const fp = fingerprintOf(blob);
    switch (verdict.kind) {
      case 'known':
        return true;
      case 'revoked':
        this.refusal = new SshError(
          'host-key-mismatch',
          `host key of ${host}:${port} (${type} ${fp}) is marked @revoked on line ${verdict.entry.line} of ${file} — refusing to connect; check the host`,
        );
        return false;
      case 'mismatch':
        this.refusal = new SshError(
          'host-key-mismatch',
          `host key mismatch for ${host}:${port}: it now presents ${type} ${fp}, unlike line ${verdict.entry.line} of ${file} — remove line ${verdict.entry.line} of ${file} if the host was rebuilt`,
        );
        return false;
      case 'unknown': {
        if (policy === 'accept-new') {
          const line = formatKnownHostsLine(host, port, blob);
          await (this.opts.store ?? fileKnownHostsStore).append(file, line);
          this.recorded = line;
          return true;
        }
        const others = verdict.otherTypesKnown.length
          ? ` (only ${verdict.otherTypesKnown.join(', ')} keys are recorded)`
          : '';
        this.refusal = new SshError(
          'host-key-unknown',
          `host key of ${host}:${port} (${type} ${fp}) is not in ${file}${others} — add it with \`ssh-keyscan -p ${port} ${host} >> ${file}\` after checking the fingerprint, or set hostKeyPolicy: accept-new`,
        );
        return false;
      }
    }
  }
}

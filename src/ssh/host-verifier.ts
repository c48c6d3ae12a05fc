import type { HostKeyOptions } from './endpoint.js';
import { SshError } from './errors.js';
import { fingerprintOf, judgeHostKey, type HostKeyVerdict } from './host-key-verdict.js';
import { entriesNaming } from './known-hosts-index.js';
import { systemClock, type Clock } from '../util/clock.js';
import { fileKnownHostsStore, type KnownHostsStore } from './known-hosts-store.js';
import {
  formatKnownHostsLine,
  keyTypeOfBlob,
  knownHostsName,
  parseKnownHosts,
  type KnownHostEntry,
} from './known-hosts.js';

export type { HostKeyPolicy } from './endpoint.js';
export type { KnownHostsStore } from './known-hosts-store.js';
export { fingerprintOf, judgeHostKey, type HostKeyVerdict } from './host-key-verdict.js';

export interface HostKeyCheckOptions {
  host: string;
  port: number;
  hostKeys: HostKeyOptions;
  store?: KnownHostsStore;
  /** Certificates' validity is judged at this clock's time; the system clock unless a test drives one. */
  clock?: Pick<Clock, 'now'>;
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

const where = (e: KnownHostEntry): string => `line ${e.line} of ${e.file}`;

/**
 * The last parse of each file, reused while its text is the same: a fleet's hosts all read the
 * same known_hosts (100 hosts, 100 parses of 100 lines otherwise). Entries are never mutated.
 */
const parsed = new Map<string, { text: string; entries: KnownHostEntry[] }>();

function parseOnce(file: string, text: string): KnownHostEntry[] {
  const last = parsed.get(file);
  if (last && last.text === text) return last.entries;
  const entries = parseKnownHosts(text, file);
  parsed.set(file, { text, entries });
  return entries;
}

/** The last concatenation per list of files: every host of a fleet then shares one array (and its index). */
const joined = new Map<string, { parts: KnownHostEntry[][]; entries: KnownHostEntry[] }>();

/** Reads every file (user files first); a missing file is empty. */
async function readEntries(files: readonly string[], store: KnownHostsStore): Promise<KnownHostEntry[]> {
  const texts = await Promise.all(files.map((f) => store.read(f)));
  const parts = texts.map((text, i) => parseOnce(files[i] ?? 'known_hosts', text));
  const key = files.join('\0');
  const last = joined.get(key);
  if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) {
    return last.entries;
  }
  const entries = parts.flat();
  joined.set(key, { parts, entries });
  return entries;
}

/**
 * Checks the key a server presents during the handshake, as OpenSSH does with the known_hosts
 * files, StrictHostKeyChecking, HostKeyAlias and CheckHostIP. ssh2 only reports "Host denied",
 * so the reason is kept here (`refusal`) for the connector to report instead.
 */
export class HostKeyChecker {
  refusal: SshError | undefined;
  /** Lines written to the user known_hosts file (accept-new / off). */
  readonly recorded: string[] = [];
  /** What was decided, in words, for `fleetdeck doctor` ("line 3 of ~/.ssh/known_hosts"). */
  outcome: string | undefined;
  /** Set when the key was accepted without a check worth the name (StrictHostKeyChecking no). */
  warning: string | undefined;
  /** The IP address connected to, for CheckHostIP; unknown through a proxy or jump host. */
  address: string | undefined;

  private readonly store: KnownHostsStore;
  private readonly name: string;

  private constructor(
    private readonly opts: HostKeyCheckOptions,
    private readonly entries: KnownHostEntry[],
    store: KnownHostsStore,
  ) {
    this.store = store;
    this.name = opts.hostKeys.hostKeyAlias ?? knownHostsName(opts.host, opts.port);
  }

  static async load(opts: HostKeyCheckOptions): Promise<HostKeyChecker> {
    const store = opts.store ?? fileKnownHostsStore();
    const { userKnownHostsFiles, globalKnownHostsFiles } = opts.hostKeys;
    const entries = await readEntries([...userKnownHostsFiles, ...globalKnownHostsFiles], store);
    return new HostKeyChecker(opts, entries, store);
  }

  /**
   * Host key algorithms with the types already recorded for this host first, so a server with
   * several keys presents one we can check (OpenSSH orders them the same way).
   */
  preferredAlgorithms(): HostKeyAlgorithm[] {
    const known = entriesNaming(this.entries, this.name)
      .filter((e) => e.marker === undefined)
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

  private judge(name: string, blob: Buffer): HostKeyVerdict {
    return judgeHostKey(this.entries, name, blob, {
      principal: this.opts.hostKeys.hostKeyAlias ?? this.opts.host,
      nowMs: (this.opts.clock ?? systemClock).now(),
    });
  }

  private refuse(code: SshError['code'], message: string): false {
    this.refusal = new SshError(code, message);
    return false;
  }

  private async decide(blob: Buffer): Promise<boolean> {
    const { host, port, hostKeys } = this.opts;
    const { policy } = hostKeys;
    const subject = `host key of ${host}:${port} (${keyTypeOfBlob(blob)} ${fingerprintOf(blob)})`;
    const verdict = this.judge(this.name, blob);
    switch (verdict.kind) {
      case 'known':
        this.outcome = `known: ${where(verdict.entry)}`;
        break;
      case 'certified':
        this.outcome = `certificate "${verdict.cert.keyId}" signed by the CA of ${where(verdict.entry)}`;
        return true;
      case 'bad-certificate':
        return this.refuse(
          'host-key-mismatch',
          `${subject}: its certificate is not acceptable: ${verdict.reason}${verdict.entry ? ` (CA at ${where(verdict.entry)})` : ''} — check the host's HostCertificate`,
        );
      case 'revoked':
        return this.refuse(
          'host-key-mismatch',
          `${subject} is marked @revoked on ${where(verdict.entry)} — refusing to connect; check the host`,
        );
      case 'mismatch': {
        const off =
          policy === 'off'
            ? ' (StrictHostKeyChecking is off, but a changed key is still refused: OpenSSH too stops forwarding for such a host, and every Docker request is a forwarded channel)'
            : '';
        return this.refuse(
          'host-key-mismatch',
          `host key mismatch for ${host}:${port}: it now presents ${keyTypeOfBlob(blob)} ${fingerprintOf(blob)}, unlike ${where(verdict.entry)}${off} — remove ${where(verdict.entry)} if the host was rebuilt`,
        );
      }
      case 'unknown': {
        if (policy === 'strict')
          return this.refuse('host-key-unknown', this.unknownMessage(subject, verdict));
        await this.record(this.name, blob);
        this.outcome = `new: recorded in ${this.userFile()} (${policy === 'off' ? 'StrictHostKeyChecking no' : 'accept-new'})`;
      }
    }
    if (policy === 'off')
      this.warning = `host key checking is off for ${host}:${port} (StrictHostKeyChecking no): a changed key is refused, but any new one is trusted`;
    return this.checkHostIp(blob);
  }

  /** CheckHostIP: the address must not carry another key (DNS spoofing); a new one is recorded. */
  private async checkHostIp(blob: Buffer): Promise<boolean> {
    const { host, port, hostKeys } = this.opts;
    const address = this.address;
    if (!hostKeys.checkHostIp || !address || address === host) return true;
    const ipName = knownHostsName(address, port);
    const verdict = this.judge(ipName, blob);
    if (verdict.kind === 'mismatch' && hostKeys.policy !== 'off') {
      return this.refuse(
        'host-key-mismatch',
        `the host key of ${host}:${port} differs from the key recorded for its address ${address} on ${where(verdict.entry)} — possible DNS spoofing; if the address moved to this host, remove that line`,
      );
    }
    if (verdict.kind === 'unknown' && hostKeys.policy !== 'strict') await this.record(ipName, blob);
    return true;
  }

  private userFile(): string {
    const file = this.opts.hostKeys.userKnownHostsFiles[0];
    if (!file) throw new Error('no UserKnownHostsFile to record the key in');
    return file;
  }

  private async record(name: string, blob: Buffer): Promise<void> {
    const line = formatKnownHostsLine(name, blob, { hash: this.opts.hostKeys.hashKnownHosts });
    const present = (text: string): boolean =>
      judgeHostKey(parseKnownHosts(text), name, blob, { principal: name, nowMs: 0 }).kind === 'known';
    if (await this.store.append(this.userFile(), line, present)) this.recorded.push(line);
  }

  private unknownMessage(subject: string, verdict: Extract<HostKeyVerdict, { kind: 'unknown' }>): string {
    const { host, port, hostKeys } = this.opts;
    const files = [...hostKeys.userKnownHostsFiles, ...hostKeys.globalKnownHostsFiles].join(', ');
    const others = verdict.otherTypesKnown.length
      ? ` (only ${verdict.otherTypesKnown.join(', ')} keys are recorded)`
      : '';
    const ca = verdict.authorities[0]
      ? ` ${where(verdict.authorities[0])} trusts a certificate authority for it, but ssh2 (the SSH library fleetdeck uses) cannot ask a server for its host certificate, so the plain key must be recorded too.`
      : '';
    const alias = hostKeys.hostKeyAlias;
    const scan = alias
      ? `ssh-keyscan -p ${port} ${host} | sed 's/^[^ ]*/${alias}/' >> ${this.opts.hostKeys.userKnownHostsFiles[0] ?? '~/.ssh/known_hosts'}`
      : `ssh-keyscan -p ${port} ${host} >> ${this.opts.hostKeys.userKnownHostsFiles[0] ?? '~/.ssh/known_hosts'}`;
    return `${subject} is not in ${files}${others}.${ca} Add it with \`${scan}\` after checking the fingerprint, or set hostKeyPolicy: accept-new`;
  }
}

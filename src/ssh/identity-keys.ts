import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { WireReader } from './wire.js';

/**
 * Asks the operator for the passphrase of an encrypted key. Lives in app/ (it owns the terminal);
 * ssh/ only calls it. Never stored on disk.
 */
export interface PassphraseProvider {
  /** The passphrase for `keyFile` (`attempt` 1…3, again after a wrong one); undefined: none given. */
  ask(keyFile: string, attempt: number): Promise<string | undefined>;
  /** Why nothing can be asked right now ("stdin is not a terminal"), for the note. */
  unavailable(): string | undefined;
}

export type LoadedKey =
  | { state: 'ready'; file: string; key: Buffer; passphrase?: string; publicBlob: Buffer }
  | { state: 'missing'; file: string }
  | { state: 'unreadable'; file: string; why: string }
  | { state: 'unusable'; file: string; why: string }
  /** Encrypted and not (yet) unlocked; `publicBlob` when the .pub file or the key format tells it. */
  | { state: 'locked'; file: string; publicBlob?: Buffer; why: string };

export interface IdentityKeysOptions {
  readFile?: (path: string) => Promise<Buffer>;
  passphrases?: PassphraseProvider;
}

const MAX_PASSPHRASE_ATTEMPTS = 3;
const OPENSSH_MAGIC = 'openssh-key-v1\0';

/** The public key an OpenSSH-format private key carries in clear, even when encrypted. */
export function publicBlobOfOpenSshKey(text: string): Buffer | undefined {
  const m = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
  if (!m?.[1]) return undefined;
  const raw = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  if (raw.subarray(0, OPENSSH_MAGIC.length).toString('latin1') !== OPENSSH_MAGIC) return undefined;
  try {
    const reader = new WireReader(raw.subarray(OPENSSH_MAGIC.length));
    reader.bytes(); // cipher
    reader.bytes(); // kdf
    reader.bytes(); // kdf options
    return reader.uint32() >= 1 ? Buffer.from(reader.bytes()) : undefined;
  } catch {
    return undefined;
  }
}

const isEncryptedError = (err: Error): boolean => /encrypted|passphrase/i.test(err.message);

/**
 * Identity files, read and unlocked at most once per process: every host using a key shares one
 * passphrase prompt, and a key skipped once is not asked for again.
 */
export class IdentityKeys {
  private readonly inspected = new Map<string, Promise<LoadedKey>>();
  private readonly unlocked = new Map<string, Promise<LoadedKey>>();
  private readonly read: (path: string) => Promise<Buffer>;

  constructor(private readonly opts: IdentityKeysOptions = {}) {
    this.read = opts.readFile ?? ((p) => readFile(p));
  }

  /** The key file as it is, without asking anything. */
  inspect(file: string): Promise<LoadedKey> {
    let pending = this.inspected.get(file);
    if (!pending) {
      pending = this.inspectUncached(file);
      this.inspected.set(file, pending);
    }
    return pending;
  }

  /** Like inspect, but an encrypted key's passphrase is asked for (once per file). */
  unlock(file: string): Promise<LoadedKey> {
    let pending = this.unlocked.get(file);
    if (!pending) {
      pending = this.inspect(file).then((k) => (k.state === 'locked' ? this.askFor(k) : k));
      this.unlocked.set(file, pending);
    }
    return pending;
  }

  private async inspectUncached(file: string): Promise<LoadedKey> {
    let data: Buffer;
    try {
      data = await this.read(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { state: 'missing', file };
      return { state: 'unreadable', file, why: code ?? String(err) };
    }
    const parsed = ssh2.utils.parseKey(data);
    if (!(parsed instanceof Error)) {
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      if (!key) return { state: 'unusable', file, why: 'no key in the file' };
      return { state: 'ready', file, key: data, publicBlob: key.getPublicSSH() };
    }
    if (!isEncryptedError(parsed)) return { state: 'unusable', file, why: parsed.message };
    const publicBlob =
      publicBlobOfOpenSshKey(data.toString('utf8')) ?? (await this.publicBlobFromPubFile(file));
    return { state: 'locked', file, why: 'encrypted', ...(publicBlob ? { publicBlob } : {}) };
  }

  private async publicBlobFromPubFile(file: string): Promise<Buffer | undefined> {
    try {
      const parsed = ssh2.utils.parseKey(await this.read(`${file}.pub`));
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      return key && !(key instanceof Error) ? key.getPublicSSH() : undefined;
    } catch {
      return undefined;
    }
  }

  private async askFor(locked: Extract<LoadedKey, { state: 'locked' }>): Promise<LoadedKey> {
    const provider = this.opts.passphrases;
    const cannot = provider ? provider.unavailable() : 'no terminal to ask on';
    if (!provider || cannot)
      return { ...locked, why: `encrypted, and no passphrase can be asked (${cannot})` };
    const data = await this.read(locked.file);
    for (let attempt = 1; attempt <= MAX_PASSPHRASE_ATTEMPTS; attempt++) {
      const passphrase = await provider.ask(locked.file, attempt);
      if (passphrase === undefined) return { ...locked, why: 'encrypted, and no passphrase was given' };
      const parsed = ssh2.utils.parseKey(data, passphrase);
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      if (key && !(key instanceof Error))
        return { state: 'ready', file: locked.file, key: data, passphrase, publicBlob: key.getPublicSSH() };
    }
    return { ...locked, why: `encrypted, and the passphrase was wrong ${MAX_PASSPHRASE_ATTEMPTS} times` };
  }
}

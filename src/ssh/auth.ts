import ssh2, {
  type AgentAuthMethod,
  type AuthHandlerMiddleware,
  type IdentityCallback,
  type ParsedKey,
  type PublicKeyAuthMethod,
  type PublicKeyEntry,
  type SignCallback,
  type SigningRequestOptions,
} from 'ssh2';
import type { SshServer } from './endpoint.js';
import { IdentityKeys, type LoadedKey } from './identity-keys.js';

/** An agent as ssh2 takes it (OpenSSHAgent, or a test's stand-in). */
export type AgentLike = ssh2.BaseAgent<ParsedKey>;

export interface AuthSources {
  /** $SSH_AUTH_SOCK: the agent unless a server's IdentityAgent says otherwise. */
  agentSocket?: string;
  /** For IdentityAgent `$VAR`; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Identity files and their passphrases, shared by every connection of the process. */
  keys?: IdentityKeys;
  /** Tests: the agent at a socket. Default ssh2's OpenSSHAgent. */
  agentAt?: (socket: string) => AgentLike;
  /** Tests: reads key files when `keys` is not given. */
  readFile?: (path: string) => Promise<Buffer>;
}

/** One ssh2 auth attempt and what to call it in messages. */
export interface AuthStep {
  method: PublicKeyAuthMethod | AgentAuthMethod;
  label: string;
}

export interface AuthPlan {
  steps: AuthStep[];
  /** Why some identities were not used, for the user ("~/.ssh/id_rsa: missing"). */
  notes: string[];
  /** Where the agent socket is, if one is used. */
  agent?: string;
}

/** IdentityAgent → a socket path, or undefined for none. */
export function agentSocketFor(
  server: Pick<SshServer, 'identityAgent'>,
  sources: AuthSources,
): string | undefined {
  const setting = server.identityAgent;
  if (setting === undefined || setting === 'SSH_AUTH_SOCK') return sources.agentSocket || undefined;
  if (setting.toLowerCase() === 'none') return undefined;
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(setting);
  if (variable?.[1]) return (sources.env ?? process.env)[variable[1]] || undefined;
  return setting;
}

/** The public key blob of an agent identity, whatever shape ssh2 hands it in. */
function blobOf(entry: ParsedKey | PublicKeyEntry): Buffer | undefined {
  if ('getPublicSSH' in entry) return entry.getPublicSSH();
  const inner = entry.pubKey;
  if ('getPublicSSH' in inner) return inner.getPublicSSH();
  const parsed = ssh2.utils.parseKey(inner.pubKey);
  return parsed instanceof Error ? undefined : parsed.getPublicSSH();
}

/** An agent that offers only some of its keys (IdentitiesOnly). */
class FilteredAgent extends ssh2.BaseAgent<ParsedKey> {
  constructor(
    private readonly inner: AgentLike,
    private readonly allowed: readonly Buffer[],
  ) {
    super();
  }

  getIdentities(cb: IdentityCallback<ParsedKey>): void {
    this.inner.getIdentities((err, keys) =>
      cb(
        err,
        keys?.filter((k) => {
          const blob = blobOf(k);
          return blob !== undefined && this.allowed.some((a) => a.equals(blob));
        }),
      ),
    );
  }

  sign(
    pubKey: ParsedKey,
    data: Buffer,
    options: SigningRequestOptions | SignCallback,
    cb?: SignCallback,
  ): void {
    if (typeof options === 'function') this.inner.sign(pubKey, data, options);
    else this.inner.sign(pubKey, data, options, cb);
  }
}

function agentKeys(agent: AgentLike): Promise<Buffer[]> {
  return new Promise((resolve) =>
    agent.getIdentities((err, keys) => resolve(err || !keys ? [] : keys.flatMap((k) => blobOf(k) ?? []))),
  );
}

function noteFor(key: LoadedKey, defaults: boolean): string | undefined {
  switch (key.state) {
    case 'ready':
      return undefined;
    case 'missing':
      // OpenSSH's seven default names exist one or two at a time: not worth a note each.
      return defaults ? undefined : `${key.file}: missing`;
    case 'unreadable':
      return `${key.file}: unreadable (${key.why})`;
    case 'unusable':
      return `${key.file}: not usable (${key.why})`;
    case 'locked':
      return `${key.file}: ${key.why} — load it into ssh-agent (ssh-add ${key.file})`;
  }
}

/**
 * What to try to log in to `server`, in OpenSSH's spirit: the agent first (with IdentitiesOnly
 * only its keys that are identity files), then the identity files in order. An encrypted file
 * whose key the agent holds is left to the agent; otherwise its passphrase is asked (once).
 */
export async function planAuth(server: SshServer, sources: AuthSources): Promise<AuthPlan> {
  const keys = sources.keys ?? new IdentityKeys({ readFile: sources.readFile });
  const user = server.user;
  const notes: string[] = [];
  const socket = agentSocketFor(server, sources);
  const agent = socket ? (sources.agentAt ?? ((s: string) => new ssh2.OpenSSHAgent(s)))(socket) : undefined;
  let inAgent: Promise<Buffer[]> | undefined;
  const agentHas = async (blob: Buffer | undefined): Promise<boolean> => {
    if (!agent || !blob) return false;
    inAgent ??= agentKeys(agent);
    return (await inAgent).some((k) => k.equals(blob));
  };

  const fileSteps: AuthStep[] = [];
  const identityBlobs: Buffer[] = [];
  for (const file of server.identityFiles) {
    let key = await keys.inspect(file);
    if (key.state === 'locked' && !(await agentHas(key.publicBlob))) key = await keys.unlock(file);
    if (key.state === 'ready' || key.state === 'locked') {
      if (key.publicBlob) identityBlobs.push(key.publicBlob);
    }
    if (key.state === 'ready') {
      const method: PublicKeyAuthMethod = { type: 'publickey', username: user, key: key.key };
      if (key.passphrase !== undefined) method.passphrase = key.passphrase;
      fileSteps.push({ method, label: `key ${file}` });
    }
    const note = noteFor(key, server.defaultIdentityFiles === true);
    if (note && !(key.state === 'locked' && (await agentHas(key.publicBlob)))) notes.push(note);
  }
  for (const cert of server.certificateFiles ?? []) {
    notes.push(`${cert}: not offered — ssh2 cannot log in with user certificates; the key alone is tried`);
  }

  const steps: AuthStep[] = [];
  if (agent && socket) {
    const offered = server.identitiesOnly ? new FilteredAgent(agent, identityBlobs) : agent;
    // ssh2 accepts a socket path or a BaseAgent; the real agent is made from the path.
    const value = server.identitiesOnly || sources.agentAt ? offered : socket;
    steps.push({
      method: { type: 'agent', username: user, agent: value },
      label: `ssh-agent ${socket}${server.identitiesOnly ? ' (IdentitiesOnly: identity files only)' : ''}`,
    });
  }
  steps.push(...fileSteps);
  return { steps, notes, ...(socket ? { agent: socket } : {}) };
}

/**
 * ssh2's authHandler over a plan, remembering what was tried so a failure (and `doctor`) can
 * say which methods were offered and which one worked.
 */
export class AuthSequence {
  readonly tried: string[] = [];
  private next = 0;

  constructor(private readonly steps: readonly AuthStep[]) {}

  /** The step in progress (the one that worked, once ssh2 is ready). */
  get current(): string | undefined {
    return this.tried[this.tried.length - 1];
  }

  readonly handler: AuthHandlerMiddleware = (_left, _partial, done) => {
    const step = this.steps[this.next++];
    if (!step) return done(false as never);
    this.tried.push(step.label);
    done(step.method);
  };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expandTilde } from '../paths.js';
import { formatSshTarget, parseSshTarget, type SshTarget } from '../ssh-target.js';
import { execRunner, isMissingProgram, type CommandRunner } from './run-command.js';
import { readSshConfigOptions } from './ssh-config-file.js';
import { parseSshGOutput, type SshOptions } from './ssh-options.js';

/** Where OpenSSH would connect for a destination, after ~/.ssh/config. */
export interface ResolvedSsh {
  host: string;
  port: number;
  user: string;
  /** May name files that do not exist (OpenSSH's defaults): the transport skips those. */
  identityFiles: string[];
  /** First hop of ProxyJump as `user@host:port`, itself resolved through ssh config. */
  proxyJump?: string;
}

export interface SshResolverDeps {
  /** Runs `ssh -G`; default spawns the real binary. */
  runner?: CommandRunner;
  homedir: string;
  /** Local user name: OpenSSH's default remote user. */
  username: string;
  /** Read by the fallback parser when there is no ssh binary; default ~/.ssh/config, /etc/ssh/ssh_config. */
  configFiles?: string[];
}

/** OpenSSH 9's default IdentityFile list (what `ssh -G` prints when none is configured). */
const DEFAULT_IDENTITY_FILES = [
  'id_rsa',
  'id_ecdsa',
  'id_ecdsa_sk',
  'id_ed25519',
  'id_ed25519_sk',
  'id_xmss',
  'id_dsa',
].map((name) => `~/.ssh/${name}`);

/** Resolves `[user@]host[:port]` / aliases the way OpenSSH does, preferring `ssh -G` itself. */
export class SshConfigResolver {
  private readonly runner: CommandRunner;
  private readonly configFiles: string[];
  /** Set once `ssh` turned out not to exist, so we stop trying to spawn it. */
  private sshMissing = false;
  private readonly cache = new Map<string, Promise<ResolvedSsh>>();

  constructor(private readonly deps: SshResolverDeps) {
    this.runner = deps.runner ?? execRunner;
    this.configFiles = deps.configFiles ?? [join(deps.homedir, '.ssh', 'config'), '/etc/ssh/ssh_config'];
  }

  /** Explicit user/port in `target` win over ssh config. Rejects with a message naming the host. */
  resolve(target: SshTarget): Promise<ResolvedSsh> {
    const key = formatSshTarget(target);
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.resolveUncached(target);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async resolveUncached(target: SshTarget): Promise<ResolvedSsh> {
    const options = await this.readOptions(target);
    const resolved = this.interpret(options, target);
    const hop = firstJumpHop(options.get('proxyjump')?.[0]);
    if (hop) resolved.proxyJump = await this.resolveJumpHop(hop);
    return resolved;
  }

  /** A jump host as `user@host:port`, resolved through ssh config (one level: no jump of the jump). */
  async resolveJumpHop(hop: SshTarget): Promise<string> {
    const jump = this.interpret(await this.readOptions(hop), hop);
    return formatSshTarget({ host: jump.host, user: jump.user, port: jump.port });
  }

  private async readOptions(target: SshTarget): Promise<SshOptions> {
    if (!this.sshMissing) {
      const args = ['-G'];
      if (target.port !== undefined) args.push('-p', String(target.port));
      if (target.user !== undefined) args.push('-l', target.user);
      args.push('--', target.host);
      try {
        const result = await this.runner('ssh', args);
        if (result.code === 0) return parseSshGOutput(result.stdout);
        const detail =
          result.stderr.trim().split('\n').slice(-2).join('; ') ||
          (result.code === null ? 'timed out' : `exit code ${result.code}`);
        throw new Error(`ssh -G ${target.host} failed (${detail}) — fix ~/.ssh/config or the ssh: value`);
      } catch (error) {
        if (!isMissingProgram(error)) throw error;
        this.sshMissing = true;
      }
    }
    return readSshConfigOptions(await this.readConfigTexts(), target.host);
  }

  private async readConfigTexts(): Promise<string[]> {
    const texts = await Promise.all(this.configFiles.map((file) => readFile(file, 'utf8').catch(() => '')));
    return texts.filter((text) => text !== '');
  }

  private interpret(options: SshOptions, target: SshTarget): ResolvedSsh {
    const first = (key: string) => options.get(key)?.[0];
    const host = (first('hostname') ?? target.host).replace(/%(%|h)/g, (_, t: string) =>
      t === 'h' ? target.host : '%',
    );
    const user = target.user ?? first('user') ?? this.deps.username;
    const configPort = Number(first('port'));
    const port = target.port ?? (Number.isInteger(configPort) && configPort > 0 ? configPort : 22);
    const tokens: Record<string, string> = {
      '%': '%',
      d: this.deps.homedir,
      u: this.deps.username,
      h: host,
      r: user,
      p: String(port),
    };
    const identityFiles = (options.get('identityfile') ?? DEFAULT_IDENTITY_FILES)
      .filter((file) => file.toLowerCase() !== 'none')
      .map((file) =>
        expandTilde(
          file.replace(/%([%dhupr])/g, (_, t: string) => tokens[t] ?? ''),
          this.deps.homedir,
        ),
      );
    return { host, port, user, identityFiles };
  }
}

/** `a,b` → a; `ssh://user@host:port` → its parts; `none` → undefined. */
function firstJumpHop(value: string | undefined): SshTarget | undefined {
  if (!value || value.toLowerCase() === 'none') return undefined;
  const first = value.split(',')[0]?.trim() ?? '';
  return parseSshTarget(first.replace(/^ssh:\/\//, '').replace(/\/$/, ''));
}

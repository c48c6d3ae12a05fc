import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SshServerSpec } from '../../domain/host.js';
import { formatSshTarget, type SshTarget } from '../ssh-target.js';
import { execRunner, isMissingProgram, type CommandRunner } from './run-command.js';
import { readSshConfigOptions } from './ssh-config-file.js';
import { interpretServer, proxyOf } from './ssh-interpret.js';
import { parseSshGOutput, type SshOptions } from './ssh-options.js';

/** Where and how OpenSSH would connect for a destination, after ~/.ssh/config. */
export interface ResolvedSsh extends SshServerSpec {
  /** The name as written (ProxyCommand's %n). */
  alias: string;
  /** ProxyJump hops, each resolved through ssh config itself (its own ProxyJump is not followed). */
  jumpHosts?: SshServerSpec[];
  /** The hops as `user@host:port,…`, for display. */
  proxyJump?: string;
  /** ProxyCommand as configured (tokens not expanded). */
  proxyCommand?: string;
}

export interface SshResolverDeps {
  /** Runs `ssh -G`; default spawns the real binary. */
  runner?: CommandRunner;
  homedir: string;
  /** Local user name: OpenSSH's default remote user. */
  username: string;
  /** `ssh -F FILE`: this file instead of ~/.ssh/config and /etc/ssh/ssh_config. */
  configFile?: string;
  /** Read by the fallback parser when there is no ssh binary; default ~/.ssh/config, /etc/ssh/ssh_config. */
  configFiles?: string[];
  /**
   * When every file ssh would read is empty (or, without `configFile`, missing), answer from
   * OpenSSH's defaults instead of spawning `ssh -G` once per host (a process each: 100 hosts, 100
   * processes before the first connection). Default: on with the real ssh, off with a `runner`
   * standing in for it.
   */
  emptyConfigShortcut?: boolean;
}

/** `user@host:port,…` of resolved hops. */
export function describeHops(hops: readonly SshServerSpec[]): string {
  return hops.map((h) => formatSshTarget({ host: h.host, user: h.user, port: h.port })).join(',');
}

/** Resolves `[user@]host[:port]` / aliases the way OpenSSH does, preferring `ssh -G` itself. */
export class SshConfigResolver {
  private readonly runner: CommandRunner;
  private readonly configFiles: string[];
  /** Set once `ssh` turned out not to exist, so we stop trying to spawn it. */
  private sshMissing = false;
  private readonly optionCache = new Map<string, Promise<SshOptions>>();
  private configEmpty: Promise<boolean> | undefined;

  constructor(private readonly deps: SshResolverDeps) {
    this.runner = deps.runner ?? execRunner;
    this.configFiles =
      deps.configFiles ??
      (deps.configFile ? [deps.configFile] : [join(deps.homedir, '.ssh', 'config'), '/etc/ssh/ssh_config']);
  }

  /**
   * Explicit user/port in `target` win over ssh config. Rejects with a message naming the host.
   * Each call returns a fresh object (only `ssh -G` answers are cached).
   */
  async resolve(target: SshTarget): Promise<ResolvedSsh> {
    const options = await this.readOptions(target);
    const resolved: ResolvedSsh = { ...interpretServer(options, target, this.deps), alias: target.host };
    const proxy = proxyOf(options, `ssh config of ${target.host}`);
    if (proxy.kind === 'command') resolved.proxyCommand = proxy.command;
    if (proxy.kind === 'jump') {
      resolved.jumpHosts = await this.resolveHops(proxy.hops);
      resolved.proxyJump = describeHops(resolved.jumpHosts);
    }
    return resolved;
  }

  /** One server (a jump host) as ssh config describes it; its own ProxyJump is not followed. */
  async resolveServer(target: SshTarget): Promise<SshServerSpec> {
    return interpretServer(await this.readOptions(target), target, this.deps);
  }

  /** ProxyJump hops resolved each through ssh config. */
  resolveHops(hops: readonly SshTarget[]): Promise<SshServerSpec[]> {
    return Promise.all(hops.map((hop) => this.resolveServer(hop)));
  }

  private readOptions(target: SshTarget): Promise<SshOptions> {
    const key = formatSshTarget(target);
    let pending = this.optionCache.get(key);
    if (!pending) {
      pending = this.readOptionsUncached(target);
      this.optionCache.set(key, pending);
    }
    return pending;
  }

  private async readOptionsUncached(target: SshTarget): Promise<SshOptions> {
    if ((this.deps.emptyConfigShortcut ?? this.deps.runner === undefined) && (await this.isConfigEmpty())) {
      // What `ssh -G` prints for an empty config: defaults (interpretServer applies them) and the
      // destination lowercased as OpenSSH does.
      return new Map([['hostname', [target.host.toLowerCase()]]]);
    }
    if (!this.sshMissing) {
      const args = this.deps.configFile ? ['-F', this.deps.configFile, '-G'] : ['-G'];
      if (target.port !== undefined) args.push('-p', String(target.port));
      if (target.user !== undefined) args.push('-l', target.user);
      args.push('--', target.host);
      try {
        const result = await this.runner('ssh', args);
        if (result.code === 0) return parseSshGOutput(result.stdout);
        const detail =
          result.stderr.trim().split('\n').slice(-2).join('; ') ||
          (result.code === null ? 'timed out' : `exit code ${result.code}`);
        const where = this.deps.configFile ?? '~/.ssh/config';
        throw new Error(`ssh -G ${target.host} failed (${detail}) — fix ${where} or the ssh: value`);
      } catch (error) {
        if (!isMissingProgram(error)) throw error;
        this.sshMissing = true;
      }
    }
    return readSshConfigOptions(await this.readConfigTexts(), target.host);
  }

  /** Read once per resolver: no directive in any file ssh would read (a `-F` file must exist). */
  private isConfigEmpty(): Promise<boolean> {
    this.configEmpty ??= (async () => {
      const files = this.deps.configFile ? [this.deps.configFile] : this.configFiles;
      const texts = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => undefined)));
      if (this.deps.configFile && texts[0] === undefined) return false; // ssh -F says why
      return texts.every((text) => text === undefined || isBlankConfig(text));
    })();
    return this.configEmpty;
  }

  private async readConfigTexts(): Promise<string[]> {
    const texts = await Promise.all(this.configFiles.map((file) => readFile(file, 'utf8').catch(() => '')));
    return texts.filter((text) => text !== '');
  }
}

/** Only blank lines and comments. */
export function isBlankConfig(text: string): boolean {
  return text.split(/\r?\n/).every((line) => line.trim() === '' || line.trim().startsWith('#'));
}

import type { HostKeyPolicy, SshHostKeySpec, SshServerSpec } from '../../domain/host.js';
import { expandTilde } from '../paths.js';
import { parseSshTarget, type SshTarget } from '../ssh-target.js';
import type { SshOptions } from './ssh-options.js';

/*
 * What OpenSSH's options (from `ssh -G` or the fallback reader) mean for one server. `ssh -G`
 * prints every option with its default; the fallback reader only what the files set, so the
 * defaults OpenSSH 9 would print are applied here when an option is absent.
 */

export interface InterpretContext {
  homedir: string;
  /** Local user name: OpenSSH's default remote user. */
  username: string;
}

/** OpenSSH 9's default IdentityFile list (what `ssh -G` prints when none is configured). */
export const DEFAULT_IDENTITY_FILES = [
  'id_rsa',
  'id_ecdsa',
  'id_ecdsa_sk',
  'id_ed25519',
  'id_ed25519_sk',
  'id_xmss',
  'id_dsa',
].map((name) => `~/.ssh/${name}`);

const DEFAULT_USER_KNOWN_HOSTS = ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];
const DEFAULT_GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

/** `ssh -G` prints yes/no options as yes/no, and StrictHostKeyChecking as true/false/ask/accept-new. */
export function policyOf(value: string | undefined): HostKeyPolicy {
  switch (value?.toLowerCase()) {
    case 'accept-new':
      return 'accept-new';
    case 'no':
    case 'off':
    case 'false':
      return 'off';
    default:
      // yes, ask (the default: fleetdeck cannot ask in the middle of a dashboard) → strict.
      return 'strict';
  }
}

const isYes = (value: string | undefined): boolean => /^(yes|true)$/i.test(value ?? '');

/** Seconds as ms; `none`, 0 or junk → undefined (not configured). */
function secondsMs(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
}

/** Server as seen by OpenSSH: everything but the route. Fleet-file values are applied later. */
export function interpretServer(
  options: SshOptions,
  target: SshTarget,
  ctx: InterpretContext,
): SshServerSpec {
  const first = (key: string): string | undefined => options.get(key)?.[0];
  const host = (first('hostname') ?? target.host).replace(/%(%|h)/g, (_, t: string) =>
    t === 'h' ? target.host : '%',
  );
  const user = target.user ?? first('user') ?? ctx.username;
  const configPort = Number(first('port'));
  const port = target.port ?? (Number.isInteger(configPort) && configPort > 0 ? configPort : 22);
  const tokens: Record<string, string> = {
    '%': '%',
    d: ctx.homedir,
    u: ctx.username,
    h: host,
    r: user,
    p: String(port),
    n: target.host,
  };
  const path = (file: string): string =>
    expandTilde(
      file.replace(/%([%dhuprn])/g, (_, t: string) => tokens[t] ?? ''),
      ctx.homedir,
    );
  const paths = (key: string, fallback: string[]): string[] =>
    (options.get(key)?.join(' ').split(/\s+/).filter(Boolean) ?? fallback)
      .filter((f) => f.toLowerCase() !== 'none')
      .map(path);

  const configured = options.get('identityfile');
  const identityNames = configured ?? DEFAULT_IDENTITY_FILES;
  const defaults =
    identityNames.length === DEFAULT_IDENTITY_FILES.length &&
    identityNames.every((f, i) => f === DEFAULT_IDENTITY_FILES[i]);
  const server: SshServerSpec = {
    host,
    port,
    user,
    identityFiles: identityNames.filter((f) => f.toLowerCase() !== 'none').map(path),
    hostKeys: interpretHostKeys(options, paths),
  };
  if (defaults) server.defaultIdentityFiles = true;
  const certificates = (options.get('certificatefile') ?? [])
    .filter((f) => f.toLowerCase() !== 'none')
    .map(path);
  if (certificates.length > 0) server.certificateFiles = certificates;
  if (isYes(first('identitiesonly'))) server.identitiesOnly = true;
  const agent = first('identityagent');
  if (agent !== undefined)
    server.identityAgent =
      agent === 'SSH_AUTH_SOCK' || agent.startsWith('$') || agent.toLowerCase() === 'none'
        ? agent
        : path(agent);
  const connectTimeout = secondsMs(first('connecttimeout'));
  if (connectTimeout !== undefined) server.connectTimeoutMs = connectTimeout;
  // ServerAliveInterval 0 is OpenSSH's default, not a choice: only a set interval counts.
  const alive = secondsMs(first('serveraliveinterval'));
  if (alive !== undefined) {
    server.keepaliveIntervalMs = alive;
    const count = Number(first('serveralivecountmax'));
    if (Number.isInteger(count) && count > 0) server.keepaliveCountMax = count;
  }
  const family = first('addressfamily')?.toLowerCase();
  if (family === 'inet' || family === 'inet6') server.addressFamily = family;
  return server;
}

function interpretHostKeys(
  options: SshOptions,
  paths: (key: string, fallback: string[]) => string[],
): SshHostKeySpec {
  const first = (key: string): string | undefined => options.get(key)?.[0];
  const keys: SshHostKeySpec = {
    userKnownHostsFiles: paths('userknownhostsfile', DEFAULT_USER_KNOWN_HOSTS),
    globalKnownHostsFiles: paths('globalknownhostsfile', DEFAULT_GLOBAL_KNOWN_HOSTS),
    policy: policyOf(first('stricthostkeychecking')),
  };
  const alias = first('hostkeyalias');
  if (alias && alias.toLowerCase() !== 'none') keys.hostKeyAlias = alias;
  if (isYes(first('checkhostip'))) keys.checkHostIp = true;
  if (isYes(first('hashknownhosts'))) keys.hashKnownHosts = true;
  return keys;
}

export type ProxySetting =
  { kind: 'none' } | { kind: 'jump'; hops: SshTarget[] } | { kind: 'command'; command: string };

/**
 * ProxyJump or ProxyCommand, whichever ssh_config set first (OpenSSH ignores the later one;
 * `ssh -G` prints only the one in effect). `none` means direct.
 */
export function proxyOf(options: SshOptions, describe: string): ProxySetting {
  for (const key of options.keys()) {
    const value = options.get(key)?.[0]?.trim();
    if (!value) continue;
    if (key === 'proxycommand')
      return value.toLowerCase() === 'none' ? { kind: 'none' } : { kind: 'command', command: value };
    if (key === 'proxyjump') {
      if (value.toLowerCase() === 'none') return { kind: 'none' };
      return { kind: 'jump', hops: parseJumpList(value, describe) };
    }
  }
  return { kind: 'none' };
}

/** `a,user@b:2222,ssh://c` → targets; throws naming the value it cannot read. */
export function parseJumpList(value: string, describe: string): SshTarget[] {
  return value.split(',').map((raw) => {
    const hop = parseSshTarget(
      raw
        .trim()
        .replace(/^ssh:\/\//, '')
        .replace(/\/$/, ''),
    );
    if (!hop)
      throw new Error(`${describe}: cannot read ProxyJump hop "${raw.trim()}" — expected [user@]host[:port]`);
    return hop;
  });
}

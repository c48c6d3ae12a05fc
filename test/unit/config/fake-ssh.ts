import type { CommandRunner } from '../../../src/config/ssh/run-command.js';

export interface SshGCall {
  file: string;
  args: readonly string[];
}

/** What OpenSSH 9.2's `ssh -G` prints for options nobody configured (measured on this machine). */
const SSH_G_DEFAULTS: Record<string, string> = {
  addressfamily: 'any',
  checkhostip: 'no',
  hashknownhosts: 'no',
  identitiesonly: 'no',
  stricthostkeychecking: 'ask',
  serveralivecountmax: '3',
  serveraliveinterval: '0',
  globalknownhostsfile: '/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2',
  userknownhostsfile: '~/.ssh/known_hosts ~/.ssh/known_hosts2',
  connecttimeout: 'none',
};

/**
 * Answers `ssh -G` like OpenSSH: per-alias config lines, command-line -l/-p winning, defaults
 * (local user "me", port 22, the default identity list…) for what is not configured. Any other
 * keyword given for an alias is printed as is (lowercase, as ssh -G does).
 */
export function fakeSshG(
  aliases: Record<string, Record<string, string | string[]>>,
  calls: SshGCall[] = [],
): CommandRunner {
  return (file, args) => {
    calls.push({ file, args });
    const host = args[args.length - 1] ?? '';
    const config = aliases[host] ?? {};
    const flag = (name: string) => {
      const index = args.indexOf(name);
      return index >= 0 ? args[index + 1] : undefined;
    };
    const lines = [
      `host ${host}`,
      `user ${flag('-l') ?? (config.user as string | undefined) ?? 'me'}`,
      `hostname ${(config.hostname as string | undefined) ?? host}`,
      `port ${flag('-p') ?? (config.port as string | undefined) ?? '22'}`,
    ];
    const identity = config.identityfile ?? ['~/.ssh/id_rsa', '~/.ssh/id_ed25519'];
    for (const f of Array.isArray(identity) ? identity : [identity]) lines.push(`identityfile ${f}`);
    const shown = new Set(['user', 'hostname', 'port', 'identityfile']);
    for (const [key, value] of Object.entries({ ...SSH_G_DEFAULTS, ...config })) {
      if (shown.has(key)) continue;
      for (const v of Array.isArray(value) ? value : [value]) lines.push(`${key} ${v}`);
    }
    return Promise.resolve({ code: 0, stdout: lines.join('\n') + '\n', stderr: '' });
  };
}

/** A runner for a machine without an ssh binary. */
export const noSshBinary: CommandRunner = () =>
  Promise.reject(Object.assign(new Error('spawn ssh ENOENT'), { code: 'ENOENT' }));

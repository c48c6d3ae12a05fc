import type { CommandRunner } from '../../../src/config/ssh/run-command.js';

export interface SshGCall {
  file: string;
  args: readonly string[];
}

/**
 * Answers `ssh -G` like OpenSSH: per-alias config lines, command-line -l/-p winning, defaults
 * (local user "me", port 22, the default identity list) for what is not configured.
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
      'stricthostkeychecking ask',
    ];
    const identity = config.identityfile ?? ['~/.ssh/id_rsa', '~/.ssh/id_ed25519'];
    for (const file of Array.isArray(identity) ? identity : [identity]) lines.push(`identityfile ${file}`);
    if (config.proxyjump) lines.push(`proxyjump ${String(config.proxyjump)}`);
    return Promise.resolve({ code: 0, stdout: lines.join('\n') + '\n', stderr: '' });
  };
}

/** A runner for a machine without an ssh binary. */
export const noSshBinary: CommandRunner = () =>
  Promise.reject(Object.assign(new Error('spawn ssh ENOENT'), { code: 'ENOENT' }));

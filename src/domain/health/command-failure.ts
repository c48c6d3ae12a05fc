/** What a remote command returned (structurally the gateway's HostCommandResult). */
export interface CommandOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  signal?: string;
}

const NOT_FOUND = /command not found|not found|no such file or directory/i;
const NOT_PERMITTED = /permission denied|operation not permitted|must be root|run as root|are you root/i;
const NO_SHELL = /this account is currently not available|nologin|shell request failed/i;

/**
 * Why a remote command gave nothing usable, in words; undefined when it succeeded.
 * `program` is the tool's name (`btrfs`, `df`) to say what is missing.
 */
export function describeCommandFailure(program: string, out: CommandOutput): string | undefined {
  if (out.code === 0) return undefined;
  const text = `${out.stderr}\n${out.stdout}`.trim();
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  if (out.code === 127 || (NOT_FOUND.test(text) && text.includes(program))) {
    return `\`${program}\` is not installed on the host (${firstLine || 'exit 127'})`;
  }
  if (NO_SHELL.test(text)) return `the SSH account has no shell to run commands (${firstLine})`;
  if (NOT_PERMITTED.test(text))
    return `not permitted for the SSH user (${firstLine}); run it as root or grant sudo`;
  if (out.code === null) {
    const by = out.signal ? ` by ${out.signal}` : '';
    return `\`${program}\` was cut off${by} before finishing${firstLine ? ` (${firstLine})` : ''}`;
  }
  return `\`${program}\` exited with ${out.code}${firstLine ? `: ${firstLine}` : ''}`;
}

/** The same for a command that could not even start (channel refused, MaxSessions 0, connection lost). */
export function describeCommandError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/channel open failure|open failed|administratively prohibited/i.test(message)) {
    return `sshd refused a command session (${message}); check MaxSessions and ForceCommand for this user`;
  }
  return message;
}

/**
 * The program `e` starts in a container: the role's `shell:` from the fleet file, else bash when
 * the image has it and sh otherwise. The choice is made inside the container by sh itself (one
 * exec, no probe round trip, and it follows the image's own PATH wherever bash lives).
 */
export const DEFAULT_SHELL_SCRIPT = 'if command -v bash >/dev/null 2>&1; then exec bash; fi; exec sh';

/** `shell: /bin/ash` or `shell: zsh -l`: the words of the setting; unset, bash-or-sh. */
export function shellCommand(configured: string | undefined): string[] {
  const words = configured?.trim().split(/\s+/).filter(Boolean) ?? [];
  return words.length > 0 ? words : ['/bin/sh', '-c', DEFAULT_SHELL_SCRIPT];
}

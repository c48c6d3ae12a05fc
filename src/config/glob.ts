/**
 * `*` (any run of characters) and `?` (one character) wildcards, as in ssh_config Host patterns
 * and `--context prod-*`. Everything else is literal.
 */
export function globToRegExp(pattern: string, opts: { ignoreCase?: boolean } = {}): RegExp {
  const body = [...pattern]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, opts.ignoreCase ? 'is' : 's');
}

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export function matchesGlob(text: string, pattern: string, opts: { ignoreCase?: boolean } = {}): boolean {
  return globToRegExp(pattern, opts).test(text);
}

export interface CompiledFilter {
  source: string;
  /** Set while the pattern is not a valid regex (typed half-way, e.g. `web[`). */
  error?: string;
  test(text: string): boolean;
}

/**
 * The `/` filter is a case-insensitive regex. An invalid pattern must not crash or empty the view:
 * it is reported and matches as a literal substring until it becomes valid.
 */
export function compileFilter(source: string): CompiledFilter {
  if (source === '') return { source, test: () => true };
  try {
    const re = new RegExp(source, 'i');
    return { source, test: (text) => re.test(text) };
  } catch (error) {
    const needle = source.toLowerCase();
    const message = (error as Error).message.replace(/^Invalid regular expression: /, '');
    return { source, error: message, test: (text) => text.toLowerCase().includes(needle) };
  }
}

/** How many colours the output may use; `none` means no escape codes at all. */
export type ColorMode = 'none' | 'ansi16' | 'ansi256' | 'truecolor';
export type ColorFlag = 'always' | 'never' | 'auto';

export interface ColorModeInput {
  /** `--color=always|never|auto`; undefined = auto. */
  flag?: ColorFlag | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the output stream is a terminal. */
  isTTY: boolean;
}

function depthFromForceColor(value: string): ColorMode | undefined {
  switch (value.toLowerCase()) {
    case '0':
    case 'false':
      return 'none';
    case '':
    case '1':
    case 'true':
      return 'ansi16';
    case '2':
      return 'ansi256';
    case '3':
      return 'truecolor';
    default:
      return undefined;
  }
}

/** What the terminal claims to support, from COLORTERM and TERM. */
function depthFromTerminal(env: ColorModeInput['env']): ColorMode {
  const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return 'truecolor';
  const term = (env['TERM'] ?? '').toLowerCase();
  if (term.includes('truecolor') || term.includes('direct')) return 'truecolor';
  if (term.includes('256')) return 'ansi256';
  return 'ansi16';
}

/**
 * Order of precedence: an explicit `--color` flag, then NO_COLOR (non-empty), then FORCE_COLOR,
 * then whether we write to a terminal that is not `dumb`.
 */
export function resolveColorMode({ flag, env, isTTY }: ColorModeInput): ColorMode {
  if (flag === 'never') return 'none';
  const forceRaw = env['FORCE_COLOR'];
  const forced = forceRaw === undefined ? undefined : depthFromForceColor(forceRaw);
  if (flag === 'always') {
    return forced && forced !== 'none' ? forced : depthFromTerminal(env);
  }
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return 'none';
  if (forced) return forced;
  if (!isTTY) return 'none';
  if ((env['TERM'] ?? '').toLowerCase() === 'dumb') return 'none';
  return depthFromTerminal(env);
}

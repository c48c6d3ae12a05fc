import { EXIT_BAD_INPUT, UserError } from '../exit-codes.js';

/** How a listing command prints: kubectl's `-o` formats, `table` when none is asked for. */
export type OutputMode = 'table' | 'wide' | 'json' | 'name';

export const OUTPUT_FORMATS = ['json', 'wide', 'name'] as const;

export interface OutputFlags {
  /** `--json` (kept beside `-o json`). */
  json?: boolean;
  /** `-o, --output FORMAT`. */
  output?: string;
  /** `--no-headers` makes this false. */
  headers?: boolean;
}

/** The one mode the flags ask for; `--json` with another `-o` is a contradiction, not a guess. */
export function outputMode(flags: OutputFlags): OutputMode {
  const o = flags.output;
  if (o !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(o)) {
    throw new UserError(`-o takes ${OUTPUT_FORMATS.join(', ')} (got "${o}")`, EXIT_BAD_INPUT);
  }
  if (flags.json && o !== undefined && o !== 'json') {
    throw new UserError(`--json and -o ${o} ask for two formats: choose one`, EXIT_BAD_INPUT);
  }
  if (flags.json) return 'json';
  return (o as OutputMode | undefined) ?? 'table';
}

// JSON.stringify escapes C0 controls but prints C1 controls, bidi overrides and line separators
// as they are: a terminal showing `--json` could still act on them. Escaping them keeps the value.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Machine output: raw values, JSON-escaped (also the characters JSON allows raw). */
export function toJson(value: unknown): string {
  return (
    JSON.stringify(value, null, 2).replace(
      UNSAFE_IN_JSON,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) + '\n'
  );
}

import { z } from 'zod';
import { THEME_TOKENS, type ThemeToken } from './tokens.js';
import { parseColor } from './style.js';

const COLOR_HINT = 'use #rrggbb, 0-255, an ANSI name (red, brightBlue, gray…) or default';

const colorSpec = z
  .union([z.string(), z.number()])
  .refine((v) => parseColor(v) !== undefined, { message: `not a colour — ${COLOR_HINT}` });

const tokenValue = z.union([
  colorSpec,
  z.strictObject({
    color: colorSpec.optional(),
    bold: z.boolean().optional(),
    dim: z.boolean().optional(),
    inverse: z.boolean().optional(),
    underline: z.boolean().optional(),
  }),
]);

export type TokenValue = z.infer<typeof tokenValue>;

const tokenShape = Object.fromEntries(THEME_TOKENS.map((t) => [t, tokenValue.optional()])) as Record<
  ThemeToken,
  z.ZodOptional<typeof tokenValue>
>;

/** A theme file. Built-in themes define every token; user themes may `extends` one and override some. */
export const themeFileSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  extends: z.string().min(1).optional(),
  tokens: z.strictObject(tokenShape),
});

export type ThemeFile = z.infer<typeof themeFileSchema>;

/** `tokens."status.up": not a colour — …` — names the key so the user can find the line. */
export function describeThemeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'string' && p.includes('.') ? `"${p}"` : String(p)));
    if (issue.code === 'unrecognized_keys') {
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      const known = path.at(-1) === 'tokens' ? ` (known tokens: ${THEME_TOKENS.join(', ')})` : '';
      return `${where}unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}${known}`;
    }
    // A union reports its first failure generically; the refine message is the useful one.
    const message =
      issue.code === 'invalid_union' ? `not a colour or style object — ${COLOR_HINT}` : issue.message;
    return `${path.join('.') || '(file)'}: ${message}`;
  });
}

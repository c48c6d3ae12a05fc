/**
 * What must not be shown on a screen someone else may see (details, wallboard): values of keys
 * named like secrets, and — whatever the key — values shaped like credentials. Pure: no I/O.
 */

/** Keys whose values must never be shown: labels and env vars carrying credentials. */
const SECRET_KEY =
  /pass(word|wd|phrase)?|pwd|secret|token|key|credential|cert|auth(?!ors?$)|cookie|session|private|salt|signature|dsn/i;

export const MASK = '••••••';
/** A masked part inside a value that stays otherwise readable (`postgres://u:•••@db`). */
export const INLINE_MASK = '•••';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Credential shapes, each keeping a recognisable head so the operator still sees what it is.
 * Order matters: a PEM block first (it may contain anything), URL passwords before bare tokens.
 */
const SHAPES: ReadonlyArray<{ re: RegExp; keep: (m: string, ...groups: string[]) => string }> = [
  {
    // PEM private key blocks (RSA, EC, OPENSSH, ENCRYPTED…), also when cut off before their end line.
    re: /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g,
    keep: (_m, kind = 'PRIVATE KEY') => `-----BEGIN ${kind}----- ${INLINE_MASK} -----END ${kind}-----`,
  },
  {
    // scheme://user:password@host — the password goes, the rest (user, host) stays.
    re: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@]*):([^\s/?#@]+)@/gi,
    keep: (_m, scheme = '', user = '') => `${scheme}${user}:${INLINE_MASK}@`,
  },
  { re: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, keep: (_m, kind = '') => `${kind} ${INLINE_MASK}` },
  { re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, keep: (m) => `${m.slice(0, 4)}${INLINE_MASK}` },
  { re: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, keep: () => `github_pat_${INLINE_MASK}` },
  { re: /\b(gh[pousr]_)[A-Za-z0-9]{30,}/g, keep: (_m, head = '') => `${head}${INLINE_MASK}` },
  { re: /\b(xox[abposr]-)[A-Za-z0-9-]{8,}/g, keep: (_m, head = '') => `${head}${INLINE_MASK}` },
  {
    // A JWT: three base64url parts, the first one a JSON header (`{"` encodes to `eyJ`).
    re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    keep: () => `eyJ${INLINE_MASK}`,
  },
];

/** The value with every credential-shaped part masked (URL passwords, tokens, keys). */
export function maskSecretShapes(value: string): string {
  let out = value;
  for (const { re, keep } of SHAPES) {
    // The replacer gets the groups, then the offset and the whole input (no named groups here).
    out = out.replace(re, (m: string, ...rest: unknown[]) =>
      keep(m, ...rest.slice(0, -2).map((g) => (typeof g === 'string' ? g : ''))),
    );
  }
  return out;
}

/** The value as it may be shown: all of it masked under a secret-looking key, else its secret shapes. */
export function maskValue(key: string, value: string): string {
  if (value === '') return value;
  return isSecretKey(key) ? MASK : maskSecretShapes(value);
}

/** `NAME=value` from an env list, with the value masked when NAME looks secret or it holds one. */
export function maskEnvEntry(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq < 0) return maskSecretShapes(entry);
  const key = entry.slice(0, eq);
  return `${key}=${maskValue(key, entry.slice(eq + 1))}`;
}

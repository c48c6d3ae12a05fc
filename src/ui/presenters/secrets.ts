/** Keys whose values must never be shown: labels and env vars carrying credentials. */
const SECRET_KEY =
  /pass(word|wd|phrase)?|pwd|secret|token|key|credential|cert|auth(?!ors?$)|cookie|session|private|salt|signature|dsn/i;

export const MASK = '••••••';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function maskValue(key: string, value: string): string {
  return isSecretKey(key) && value !== '' ? MASK : value;
}

/** `NAME=value` from an env list, with the value masked when NAME looks secret. */
export function maskEnvEntry(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq < 0) return entry;
  const key = entry.slice(0, eq);
  return `${key}=${maskValue(key, entry.slice(eq + 1))}`;
}

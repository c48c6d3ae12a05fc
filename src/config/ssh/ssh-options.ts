/**
 * SSH client options as OpenSSH reports them: lowercase keyword → the value of each line that set
 * it, in order. Single-valued keywords keep their first value; IdentityFile accumulates.
 */
export type SshOptions = Map<string, string[]>;

/** Keywords that accumulate instead of first-value-wins. */
const MULTI_VALUED = new Set([
  'identityfile',
  'certificatefile',
  'localforward',
  'remoteforward',
  'dynamicforward',
  'sendenv',
  'setenv',
]);

export function addOption(options: SshOptions, keyword: string, value: string): void {
  const key = keyword.toLowerCase();
  const values = options.get(key);
  if (!values) options.set(key, [value]);
  else if (MULTI_VALUED.has(key)) values.push(value);
}

/** Parses `ssh -G` output: one `keyword value` per line, keywords already lowercase. */
export function parseSshGOutput(stdout: string): SshOptions {
  const options: SshOptions = new Map();
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const space = trimmed.indexOf(' ');
    if (space < 0) continue;
    const key = trimmed.slice(0, space);
    const value = trimmed.slice(space + 1).trim();
    // ssh -G prints repeated keywords verbatim; keep them all so identityfile lists survive.
    const values = options.get(key);
    if (values) values.push(value);
    else options.set(key, [value]);
  }
  return options;
}

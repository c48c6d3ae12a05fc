import { matchesGlob } from '../glob.js';
import { addOption, type SshOptions } from './ssh-options.js';

/*
 * Fallback when there is no `ssh` binary to ask (`ssh -G`): a small reader of ssh_config.
 * Supported: global lines, `Host` patterns with `*`, `?`, `!`; `Match all`, `Match host`,
 * `Match originalhost`; first value wins per keyword (IdentityFile accumulates).
 * Not supported (a `Match` using them never applies): exec, user, localuser, canonical, final,
 * tagged, address. `Include` is ignored.
 */

interface ConfigLine {
  keyword: string;
  args: string[];
}

/** Splits `Keyword args…` / `Keyword=args`, honouring double quotes. */
function tokenize(line: string): ConfigLine | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  const keywordMatch = /^([A-Za-z0-9_]+)(\s*=\s*|\s+)?(.*)$/.exec(trimmed);
  if (!keywordMatch?.[1]) return undefined;
  const rest = keywordMatch[3] ?? '';
  const args: string[] = [];
  const argPattern = /"([^"]*)"|(\S+)/g;
  for (let m = argPattern.exec(rest); m; m = argPattern.exec(rest)) args.push(m[1] ?? m[2] ?? '');
  return { keyword: keywordMatch[1].toLowerCase(), args };
}

/** ssh_config pattern list: any positive match, and no negated match. Case-insensitive as OpenSSH. */
export function matchesHostPatterns(host: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    if (!raw) continue;
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (matchesGlob(host, pattern, { ignoreCase: true })) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function matchApplies(args: readonly string[], alias: string, hostname: string): boolean {
  if (args.length === 1 && args[0]?.toLowerCase() === 'all') return true;
  for (let i = 0; i < args.length; i += 2) {
    const criterion = args[i]?.toLowerCase();
    const value = args[i + 1];
    if (value === undefined) return false;
    if (criterion === 'host' && matchesHostPatterns(hostname, [value])) continue;
    if (criterion === 'originalhost' && matchesHostPatterns(alias, [value])) continue;
    return false;
  }
  return args.length > 0;
}

/** Reads ssh_config texts in order (user file first, then system) for `alias`, as OpenSSH would. */
export function readSshConfigOptions(texts: readonly string[], alias: string): SshOptions {
  const options: SshOptions = new Map();
  for (const text of texts) {
    let active = true;
    for (const rawLine of text.split(/\r?\n/)) {
      const line = tokenize(rawLine);
      if (!line) continue;
      if (line.keyword === 'host') {
        active = matchesHostPatterns(alias, line.args);
      } else if (line.keyword === 'match') {
        // `Match host` compares the HostName known so far, as OpenSSH's first pass does.
        const hostname = options.get('hostname')?.[0]?.replace(/%h/g, alias) ?? alias;
        active = matchApplies(line.args, alias, hostname);
      } else if (active && line.keyword !== 'include' && line.args.length > 0) {
        addOption(options, line.keyword, line.args.join(' '));
      }
    }
  }
  return options;
}

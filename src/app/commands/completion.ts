import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configDir, locateFleetFile } from '../../config/paths.js';
import { BUILTIN_THEME_NAMES } from '../../theme/tokens.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { EXIT_BAD_INPUT, EXIT_OK, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { completionCachePath, fleetKey, readCompletionCache } from './completion-cache.js';
import { completionScript, SHELLS, type Shell } from './completion-scripts.js';
import { completeWords, FILES, type CommandSpec, type CompletionSources } from './completion-words.js';

/** `fleetdeck completion bash|zsh|fish`: the script to source. */
export function completionCommand(shell: string, io: CommandIo): number {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UserError(`completion is for ${SHELLS.join(', ')} (got "${shell}")`, EXIT_BAD_INPUT);
  }
  io.stdout.write(completionScript(shell as Shell));
  return EXIT_OK;
}

/** Host names as the fleet file lists them: read as YAML only, without resolving or connecting. */
function fleetHostNames(file: string): string[] {
  try {
    const doc = parse(readFileSync(file, 'utf8')) as { hosts?: unknown } | null;
    const hosts = Array.isArray(doc?.hosts) ? (doc.hosts as unknown[]) : [];
    return hosts.flatMap((h) => {
      const name = (h as { name?: unknown } | null)?.name;
      return typeof name === 'string' ? [name] : [];
    });
  } catch {
    return [];
  }
}

function themeNames(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((f) => {
      const m = /^(.+)\.(ya?ml|json)$/.exec(f);
      return m?.[1] ? [m[1]] : [];
    });
  } catch {
    return [];
  }
}

/** The real sources: the fleet file, the completion cache, the theme folders. */
export function localSources(env: NodeJS.ProcessEnv, home = homedir()): CompletionSources {
  const cachePath = completionCachePath(env, home);
  const cached = (flag: string | undefined) => readCompletionCache(cachePath, fleetKey(flag, env, home));
  return {
    hosts: (flag) => {
      const location = locateFleetFile({ flag, env, homedir: home });
      return [...fleetHostNames(location.path), ...(cached(flag)?.hosts ?? [])];
    },
    containers: (flag) => cached(flag)?.containers ?? [],
    themes: () => [...BUILTIN_THEME_NAMES, ...themeNames(join(configDir({ env, homedir: home }), 'themes'))],
  };
}

/** `fleetdeck __complete WORDS…` (called by the scripts): one candidate per line. */
export function completeCommand(
  tree: CommandSpec,
  words: readonly string[],
  io: CommandIo,
  sources: CompletionSources = localSources(io.env),
): number {
  const result = completeWords(tree, words.length === 0 ? [''] : words, sources);
  if (result.files) {
    io.stdout.write(`${FILES}\n`);
    return EXIT_OK;
  }
  for (const c of result.candidates) {
    const value = sanitizeLine(c.value);
    io.stdout.write(c.description ? `${value}\t${sanitizeLine(c.description)}\n` : `${value}\n`);
  }
  return EXIT_OK;
}

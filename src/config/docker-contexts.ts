import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDockerEndpoint, defaultDockerHost } from './docker-endpoint.js';
import type { ConfigIssue } from './fleet-config-error.js';
import { isGlob, matchesGlob } from './glob.js';
import type { HostDraft } from './host-draft.js';
import { expandTilde, type PathContext } from './paths.js';

/** One Docker CLI context: its name and `Endpoints.docker.Host`. */
export interface DockerContext {
  name: string;
  host: string;
  /** The meta.json it was read from; undefined for the built-in "default" context. */
  metaFile?: string;
}

/** `$DOCKER_CONFIG`, else ~/.docker. */
export function dockerConfigDir({ env, homedir }: PathContext): string {
  return env.DOCKER_CONFIG ? expandTilde(env.DOCKER_CONFIG, homedir) : join(homedir, '.docker');
}

/** The docker CLI stores each context under the sha256 hex of its name. */
export function contextMetaFile(configDir: string, name: string): string {
  const digest = createHash('sha256').update(name).digest('hex');
  return join(configDir, 'contexts', 'meta', digest, 'meta.json');
}

type ReadResult = { context: DockerContext } | { issue: ConfigIssue };

async function readContextMeta(metaFile: string): Promise<ReadResult> {
  let meta: unknown;
  try {
    meta = JSON.parse(await readFile(metaFile, 'utf8'));
  } catch (error) {
    return {
      issue: { file: metaFile, path: '', message: `cannot read Docker context: ${(error as Error).message}` },
    };
  }
  const name = (meta as { Name?: unknown } | null)?.Name;
  const host = (meta as { Endpoints?: { docker?: { Host?: unknown } } } | null)?.Endpoints?.docker?.Host;
  if (typeof name !== 'string' || typeof host !== 'string') {
    return {
      issue: {
        file: metaFile,
        path: 'Endpoints.docker.Host',
        message: 'not a Docker context (expected Name and Endpoints.docker.Host)',
      },
    };
  }
  return { context: { name, host, metaFile } };
}

/** Every stored context (the built-in "default" is not stored). Unreadable entries are skipped. */
export async function listDockerContexts(configDir: string): Promise<DockerContext[]> {
  const metaDir = join(configDir, 'contexts', 'meta');
  const entries = await readdir(metaDir).catch(() => [] as string[]);
  const results = await Promise.all(
    entries.map((entry) => readContextMeta(join(metaDir, entry, 'meta.json'))),
  );
  return results
    .flatMap((result) => ('context' in result ? [result.context] : []))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Contexts named by `--context` values. A glob (`prod-*`) matches stored contexts only; the
 * built-in "default" (`$DOCKER_HOST` or the local socket) is included when named exactly.
 */
export async function selectDockerContexts(
  patterns: readonly string[],
  paths: PathContext,
): Promise<{ contexts: DockerContext[]; issues: ConfigIssue[] }> {
  const configDir = dockerConfigDir(paths);
  let stored: DockerContext[] | undefined;
  const all = async () => (stored ??= await listDockerContexts(configDir));
  const contexts: DockerContext[] = [];
  const issues: ConfigIssue[] = [];
  const add = (context: DockerContext) => {
    if (!contexts.some((c) => c.name === context.name)) contexts.push(context);
  };

  for (const pattern of patterns) {
    const flag = `--context ${pattern}`;
    if (isGlob(pattern)) {
      const matched = (await all()).filter((c) => matchesGlob(c.name, pattern));
      if (matched.length === 0) issues.push({ file: flag, path: '', message: await noMatchMessage(all) });
      matched.forEach(add);
    } else if (pattern === 'default') {
      add({ name: 'default', host: defaultDockerHost(paths.env) });
    } else {
      const result = await readContextMeta(contextMetaFile(configDir, pattern));
      if ('context' in result) add(result.context);
      else issues.push({ file: flag, path: '', message: await noMatchMessage(all) });
    }
  }
  return { contexts, issues };
}

async function noMatchMessage(all: () => Promise<DockerContext[]>): Promise<string> {
  const known = (await all()).map((c) => c.name);
  const list = known.length > 0 ? known.join(', ') : 'none besides "default"';
  return `no such Docker context (known: ${list}) — see \`docker context ls\``;
}

/** A context as a host named after it; an unsupported endpoint is an issue naming the context. */
export function contextToDraft(context: DockerContext): { draft: HostDraft } | { issue: ConfigIssue } {
  const origin = { file: context.metaFile ?? '--context default', path: 'Endpoints.docker.Host' };
  const endpoint = parseDockerEndpoint(context.host);
  switch (endpoint.kind) {
    case 'local':
      return { draft: { kind: 'local', name: context.name, socketPath: endpoint.socketPath, origin } };
    case 'ssh':
      return {
        draft: { kind: 'ssh', name: context.name, target: endpoint.target, socket: endpoint.socket, origin },
      };
    case 'unsupported':
      return { issue: { ...origin, message: `Docker context "${context.name}": ${endpoint.reason}` } };
  }
}

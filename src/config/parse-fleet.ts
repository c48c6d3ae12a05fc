import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { FleetConfigError, formatKeyPath, type ConfigIssue } from './fleet-config-error.js';
import { closestKey, knownKeysAt } from './key-suggest.js';
import { FleetFileSchema, type FleetFile } from './schema.js';
import { locate, type KeyPath } from './yaml-locate.js';

export interface ParsedFleetFile {
  file: string;
  fleet: FleetFile;
  /** Line of each host entry (same order as `fleet.hosts`), for errors found later (ssh resolution). */
  hostLines: (number | undefined)[];
  /** Line of each swarm manager entry, per swarm (same order as `fleet.swarms`). */
  swarmManagerLines: (number | undefined)[][];
}

type Locator = (path: KeyPath) => { line?: number; found: boolean };

function yamlSyntaxIssues(doc: Document, file: string): ConfigIssue[] {
  return doc.errors.map((error) => ({
    file,
    line: error.linePos?.[0].line,
    path: '',
    // yaml appends "at line L, column C:" and a code excerpt; the issue's line already points there.
    message: `YAML: ${(error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
}

function zodIssues(issues: readonly z.core.$ZodIssue[], file: string, at: Locator): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(FleetFileSchema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const suggestion = closestKey(key, known);
        const hint = suggestion ? ` — did you mean "${suggestion}"?` : ` (known keys: ${known.join(', ')})`;
        out.push({ file, line: at(path).line, path: formatKeyPath(path), message: `unknown key${hint}` });
      }
      continue;
    }
    const where = at(issue.path);
    const missing = !where.found && issue.code === 'invalid_type';
    out.push({
      file,
      line: where.line,
      path: formatKeyPath(issue.path),
      message: missing ? `missing — ${issue.message}` : issue.message,
    });
  }
  return out;
}

/** Later entries reusing a name are errors at the line of the duplicate. */
function duplicateNameIssues(raw: unknown, file: string, at: Locator): ConfigIssue[] {
  const hosts = (raw as { hosts?: unknown } | null)?.hosts;
  if (!Array.isArray(hosts)) return [];
  const firstLine = new Map<string, number | undefined>();
  const out: ConfigIssue[] = [];
  hosts.forEach((host: unknown, index) => {
    const name = (host as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    const path = ['hosts', index, 'name'];
    const line = at(path).line;
    if (firstLine.has(name)) {
      const first = firstLine.get(name);
      const previous = first !== undefined ? ` (first used on line ${first})` : '';
      out.push({
        file,
        line,
        path: formatKeyPath(path),
        message: `duplicate host name "${name}"${previous}`,
      });
    } else {
      firstLine.set(name, line);
    }
  });
  return out;
}

/** Parses and validates fleet file text. Throws FleetConfigError listing every problem found. */
export function parseFleetText(text: string, file: string): ParsedFleetFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const syntax = yamlSyntaxIssues(doc, file);
  if (syntax.length > 0) throw new FleetConfigError(syntax);

  const at: Locator = (path) => locate(doc, lines, path);
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    throw new FleetConfigError([{ file, path: '', message: `YAML: ${(error as Error).message}` }]);
  }
  // An empty file is a valid (if useless) fleet: every setting defaulted, hosts from --context.
  const result = FleetFileSchema.safeParse(raw ?? {});
  const issues = [
    ...(result.success ? [] : zodIssues(result.error.issues, file, at)),
    ...duplicateNameIssues(raw, file, at),
  ];
  if (issues.length > 0 || !result.success) {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new FleetConfigError(issues);
  }
  const hostLines = result.data.hosts.map((_, index) => at(['hosts', index]).line);
  const swarmManagerLines = result.data.swarms.map((swarm, s) =>
    swarm.managers.map((_, m) => at(['swarms', s, 'managers', m]).line),
  );
  return { file, fleet: result.data, hostLines, swarmManagerLines };
}

/** Reads, parses and validates a fleet file; a missing/unreadable file is a FleetConfigError too. */
export async function readFleetFile(file: string): Promise<ParsedFleetFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'fleet file not found — check the --fleet path or $FLEETDECK_CONFIG'
        : `cannot read the fleet file: ${(error as Error).message}`;
    throw new FleetConfigError([{ file, path: '', message }]);
  }
  return parseFleetText(text, file);
}

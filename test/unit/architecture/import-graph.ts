import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import ts from 'typescript';

/*
 * The import graph of src/ as the TypeScript preprocessor sees it (imports, `export … from`,
 * dynamic `import()`), and the README's layering rules over it. Pure functions over plain data,
 * so the test can also run them on a small fixture graph and watch them fail.
 */

/** One source file: its path under src/ (posix), its text, and what it imports (as written). */
export interface SourceFile {
  path: string;
  text: string;
  imports: string[];
}

export function readSources(srcDir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
        const text = readFileSync(full, 'utf8');
        const info = ts.preProcessFile(text, true, true);
        out.push({
          path: relative(srcDir, full).split('\\').join('/'),
          text,
          imports: info.importedFiles.map((f) => f.fileName),
        });
      }
    }
  };
  walk(srcDir);
  return out;
}

/** The file a relative import names, as a path under src/ (`.js` written, `.ts`/`.tsx` on disk). */
export function resolveImport(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.jsx?$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (known.has(candidate)) return candidate;
  return `${base}.ts`;
}

/** The top folder of src/ a file belongs to: `ui/views/x.ts` → `ui`. */
export const folderOf = (path: string): string => path.split('/')[0] ?? path;

/**
 * The arrows of the README: who may import whom, besides itself. `util` and `domain` are
 * reachable from every folder, with the exceptions the README and eslint state: `domain` is pure
 * (only itself), `ssh` knows nothing of Docker or the fleet (`ssh → util` only).
 */
export const ARROWS: Readonly<Record<string, readonly string[]>> = {
  cli: ['app'],
  app: ['ui', 'actions', 'fleet', 'docker', 'ssh', 'config', 'theme'],
  ui: ['fleet', 'actions', 'theme', 'domain'],
  actions: ['docker', 'fleet', 'domain'],
  fleet: ['docker', 'domain'],
  docker: ['ssh', 'domain'],
  ssh: ['util'],
  config: [],
  theme: [],
  domain: [],
  util: [],
};

export function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  const explicit = ARROWS[from];
  if (!explicit) return false;
  if (explicit.includes(to)) return true;
  if (from === 'domain') return false;
  if (to === 'util') return true;
  return to === 'domain' && from !== 'ssh';
}

/** Packages a folder must not load itself (it reaches them only through the folder that owns them). */
export const FORBIDDEN_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  ui: ['dockerode', 'ssh2'],
  fleet: ['dockerode', 'ssh2', 'ink', 'react'],
  actions: ['dockerode', 'ssh2', 'ink', 'react'],
  docker: ['ink', 'react'],
  ssh: ['dockerode', 'ink', 'react'],
  domain: ['dockerode', 'ssh2', 'ink', 'react', 'yaml', 'zod'],
};

export interface Violation {
  file: string;
  message: string;
}

/** Imports against an arrow, and packages a folder must not load. */
export function arrowViolations(files: readonly SourceFile[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const out: Violation[] = [];
  for (const f of files) {
    const from = folderOf(f.path);
    for (const spec of f.imports) {
      const target = resolveImport(f.path, spec, known);
      if (target === undefined) {
        const pkg = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : (spec.split('/')[0] ?? spec);
        if (FORBIDDEN_PACKAGES[from]?.includes(pkg))
          out.push({ file: f.path, message: `${from} must not import the package ${pkg} (${spec})` });
        if (from === 'domain' && (spec.startsWith('node:') || isBuiltin(spec)))
          out.push({ file: f.path, message: `domain is pure: no Node built-ins (${spec})` });
        continue;
      }
      const to = folderOf(target);
      if (!allowed(from, to))
        out.push({ file: f.path, message: `${from} → ${to} is against the arrows (${spec})` });
    }
  }
  return out;
}

const BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'url',
  'util',
  'events',
  'tty',
  'process',
  'timers',
]);
const isBuiltin = (spec: string): boolean => BUILTINS.has(spec.split('/')[0] ?? spec);

/** Cycles in a directed graph (Tarjan's strongly connected components of more than one node, or a self-loop). */
export function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || edges.get(v)?.has(v)) out.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** Folder → folders it imports (itself left out), and file → files it imports. */
export function graphs(files: readonly SourceFile[]): {
  folders: Map<string, Set<string>>;
  files: Map<string, Set<string>>;
} {
  const known = new Set(files.map((f) => f.path));
  const folders = new Map<string, Set<string>>();
  const fileEdges = new Map<string, Set<string>>();
  for (const f of files) {
    const from = folderOf(f.path);
    const fe = fileEdges.get(f.path) ?? new Set<string>();
    fileEdges.set(f.path, fe);
    for (const spec of f.imports) {
      const target = resolveImport(f.path, spec, known);
      if (target === undefined || !known.has(target)) continue;
      fe.add(target);
      const to = folderOf(target);
      if (to === from) continue;
      const set = folders.get(from) ?? new Set<string>();
      set.add(to);
      folders.set(from, set);
    }
  }
  return { folders, files: fileEdges };
}

/**
 * What domain/ may not do: read the clock (`Date.now`, `new Date(`), touch `process`. Found in
 * the syntax tree, so comments and strings that mention them do not count.
 */
export function purityViolations(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files) {
    if (folderOf(f.path) !== 'domain') continue;
    const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true);
    const say = (node: ts.Node, what: string): void => {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      out.push({ file: f.path, message: `domain is pure: ${what} at line ${line + 1}` });
    };
    const walk = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date')
        say(node, 'new Date(…) reads or builds clock time');
      else if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'Date' &&
        node.name.text === 'now'
      )
        say(node, 'Date.now reads the clock');
      else if (
        ts.isIdentifier(node) &&
        node.text === 'process' &&
        !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) &&
        !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)
      )
        say(node, 'process is I/O');
      ts.forEachChild(node, walk);
    };
    walk(sf);
  }
  return out;
}

/** src/ beside this test. */
export const SRC_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../../../src');

import { describe, expect, it } from 'vitest';
import {
  arrowViolations,
  cycles,
  graphs,
  purityViolations,
  readSources,
  SRC_DIR,
  type SourceFile,
} from './import-graph.js';

/*
 * The README's architecture, enforced over the real import graph of src/:
 *   cli → app → {ui, actions, fleet, docker, ssh, config, theme}; ui → fleet, actions, theme, domain;
 *   actions → docker, fleet, domain; fleet → docker, domain; docker → ssh, domain; ssh → util;
 *   util and domain reachable from all (domain from all but ssh); domain pure.
 * The fixture cases show each rule failing on a deliberately wrong graph.
 */

const src = readSources(SRC_DIR);

/**
 * File cycles that exist today, each with who is removing it. Delete a line when its cycle is
 * gone; a new cycle fails the test.
 */
// File cycles allowed for now (each to be removed when it goes); none is left.
const KNOWN_FILE_CYCLES: readonly string[] = [];
const file = (path: string, imports: string[], text = ''): SourceFile => ({ path, imports, text });
const messages = (v: { file: string; message: string }[]): string[] =>
  v.map((x) => `${x.file}: ${x.message}`);

describe('layering of src/ (README arrows)', () => {
  it('reads the whole tree', () => {
    expect(src.length).toBeGreaterThan(100);
    expect(new Set(src.map((f) => f.path.split('/')[0]))).toEqual(
      new Set(['actions', 'app', 'cli', 'config', 'docker', 'domain', 'fleet', 'ssh', 'theme', 'ui', 'util']),
    );
  });

  it('no import runs against an arrow, no folder loads a package it must not', () => {
    expect(messages(arrowViolations(src))).toEqual([]);
  });

  it('no cycle between folders', () => {
    expect(cycles(graphs(src).folders)).toEqual([]);
  });

  it('no cycle between files (but the known ones, which may only go away)', () => {
    const found = cycles(graphs(src).files).map((c) => c.join(' ⇄ '));
    expect(found.filter((c) => !KNOWN_FILE_CYCLES.includes(c))).toEqual([]);
  });

  it('domain/ is pure: no Node built-ins, no process, no clock', () => {
    expect(messages(purityViolations(src))).toEqual([]);
  });
});

describe('the rules fail on a wrong graph (fixture)', () => {
  it('an import against an arrow', () => {
    const fixture = [
      file('fleet/store.ts', ['../ui/views/hosts.js', '../docker/gateway.js', '../util/clock.js']),
      file('docker/gateway.ts', ['../fleet/store.js', '../ssh/pool.js', 'dockerode']),
      file('ssh/pool.ts', ['../domain/host.js', 'ssh2']),
      file('ui/views/hosts.ts', ['../../docker/gateway.js', 'ssh2', '../../domain/host.js']),
      file('cli/main.ts', ['../actions/types.js', '../app/run.js']),
      file('domain/host.ts', ['node:fs', '../util/clock.js', 'string-width']),
      file('util/clock.ts', []),
      file('app/run.ts', ['../ui/views/hosts.js', '../ssh/pool.js']),
      file('actions/types.ts', []),
    ];
    expect(messages(arrowViolations(fixture))).toEqual([
      'fleet/store.ts: fleet → ui is against the arrows (../ui/views/hosts.js)',
      'docker/gateway.ts: docker → fleet is against the arrows (../fleet/store.js)',
      'ssh/pool.ts: ssh → domain is against the arrows (../domain/host.js)',
      'ui/views/hosts.ts: ui → docker is against the arrows (../../docker/gateway.js)',
      'ui/views/hosts.ts: ui must not import the package ssh2 (ssh2)',
      'cli/main.ts: cli → actions is against the arrows (../actions/types.js)',
      'domain/host.ts: domain is pure: no Node built-ins (node:fs)',
      'domain/host.ts: domain → util is against the arrows (../util/clock.js)',
    ]);
  });

  it('a cycle between folders and between files', () => {
    const fixture = [
      file('fleet/a.ts', ['../docker/b.js']),
      file('docker/b.ts', ['../fleet/a.js']),
      file('ui/x.ts', ['./y.js']),
      file('ui/y.ts', ['./x.js']),
      file('ui/z.ts', ['./y.js']),
    ];
    const g = graphs(fixture);
    expect(cycles(g.folders)).toEqual([['docker', 'fleet']]);
    expect(cycles(g.files)).toEqual([
      ['docker/b.ts', 'fleet/a.ts'],
      ['ui/x.ts', 'ui/y.ts'],
    ]);
  });

  it('the clock and process in domain/, but not in comments, strings or property names', () => {
    const fixture = [
      file(
        'domain/age.ts',
        [],
        [
          '// Date.now() is not read here, nor new Date(), nor process.env',
          "const note = 'Date.now and process';",
          'const o = { process: 1 }; o.process;',
          'export const age = (t: number) => Date.now() - t;',
          'export const day = () => new Date(0).getDay();',
          'export const home = () => process.env.HOME;',
        ].join('\n'),
      ),
      file('ui/clock.ts', [], 'export const now = () => Date.now();'),
    ];
    expect(messages(purityViolations(fixture))).toEqual([
      'domain/age.ts: domain is pure: Date.now reads the clock at line 4',
      'domain/age.ts: domain is pure: new Date(…) reads or builds clock time at line 5',
      'domain/age.ts: domain is pure: process is I/O at line 6',
    ]);
  });
});

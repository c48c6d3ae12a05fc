import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  completionCachePath,
  readCompletionCache,
  writeCompletionCache,
} from '../../../src/app/commands/completion-cache.js';
import { completionScript } from '../../../src/app/commands/completion-scripts.js';
import {
  completeWords,
  type CommandSpec,
  type CompletionSources,
} from '../../../src/app/commands/completion-words.js';
import { completeCommand, localSources } from '../../../src/app/commands/completion.js';
import type { CommandIo } from '../../../src/app/io.js';
import { buildProgram } from '../../../src/cli/main.js';
import { commandSpec } from '../../../src/cli/register-completion.js';
import { makeContainer } from '../../support/fake-host-api.js';

function io(env: NodeJS.ProcessEnv = {}): { io: CommandIo; out: () => string } {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  return { io: { stdout, stderr: new PassThrough(), env, now: () => 0 }, out: () => out };
}

// The real command tree: completion is generated from the definitions, so this is what users get.
const tree: CommandSpec = commandSpec(buildProgram(io().io, () => undefined));

const sources: CompletionSources = {
  hosts: (fleet) => (fleet === '/other.yaml' ? ['other-0'] : ['lab-0', 'lab-1']),
  containers: () => [
    { host: 'lab-0', name: 'web-1', role: 'web' },
    { host: 'lab-1', name: 'web-1', role: 'web' },
    { host: 'lab-0', name: 'cron', role: 'batch' },
  ],
  themes: () => ['dark', 'light', 'mine'],
};

const values = (words: string[]): string[] => {
  const r = completeWords(tree, words, sources);
  return r.files ? [':files'] : r.candidates.map((c) => c.value);
};

describe('completeWords', () => {
  it('completes commands, including help and completion', () => {
    expect(values(['h'])).toEqual(['hosts', 'help']);
    expect(values(['sn'])).toEqual(['snapshot']);
    expect(values(['completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(values(['help', 'p'])).toEqual(['ps']);
    expect(values(['snapshot', ''])).toEqual(expect.arrayContaining(['create', 'list', 'rm', 'ship']));
  });

  it("completes a command's flags first, then the program's", () => {
    const flags = values(['ps', '--']);
    expect(flags.slice(0, 5)).toEqual(['--host', '--role', '--all', '--inspect', '--json']);
    expect(flags).toEqual(expect.arrayContaining(['--output', '--no-headers', '--fleet', '--help']));
    expect(values(['ps', '-o'])).toEqual(['-o']);
    expect(values(['--co'])).toEqual(['--context', '--color']);
  });

  it('completes option values: hosts, roles, -o formats, choices, themes, files', () => {
    expect(values(['ps', '--host', ''])).toEqual(['lab-0', 'lab-1']);
    expect(values(['--fleet', '/other.yaml', 'ps', '--host', ''])).toEqual(['other-0']);
    expect(values(['ps', '--role', 'w'])).toEqual(['web']);
    expect(values(['ps', '-o', ''])).toEqual(['json', 'wide', 'name']);
    expect(values(['hosts', '--output=w'])).toEqual(['--output=wide']);
    expect(values(['--color', ''])).toEqual(['always', 'never', 'auto']);
    expect(values(['--theme', 'm'])).toEqual(['mine']);
    expect(values(['--fleet', ''])).toEqual([':files']);
    expect(values(['snapshot', 'ship', 'img', '--to', 'lab-'])).toEqual(['lab-0', 'lab-1']);
    expect(values(['rollback', 'web-1', '--to', ''])).toEqual([]);
  });

  it('completes targets: host/name, names, role:, and host: for logs', () => {
    expect(values(['logs', ''])).toEqual([
      'lab-0/web-1',
      'lab-1/web-1',
      'lab-0/cron',
      'web-1',
      'cron',
      'role:web',
      'role:batch',
      'host:lab-0',
      'host:lab-1',
    ]);
    expect(values(['logs', '-n', '5', 'role:'])).toEqual(['role:web', 'role:batch']);
    expect(values(['restart', 'lab-0/'])).toEqual(['lab-0/web-1', 'lab-0/cron']);
    expect(values(['restart', 'host:'])).toEqual([]);
    expect(values(['redeploy', ''])).toEqual(['role:web', 'role:batch']);
    // One operand only: nothing after the target.
    expect(values(['restart', 'web-1', ''])).toEqual([]);
  });
});

describe('completeCommand', () => {
  it('prints value<TAB>description lines, sanitised, and :files for file options', () => {
    const c = io();
    const odd: CompletionSources = {
      ...sources,
      containers: () => [makeContainer('lab-0', 'web-1', { role: 'r\x1b[2Jx' })],
    };
    expect(completeCommand(tree, ['redeploy', ''], c.io, odd)).toBe(0);
    expect(c.out()).toBe('role:rx\n');
    const f = io();
    completeCommand(tree, ['--fleet', ''], f.io, sources);
    expect(f.out()).toBe(':files\n');
    const d = io();
    completeCommand(tree, ['hos'], d.io, sources);
    expect(d.out()).toMatch(/^hosts\tone line per host/);
  });
});

describe('local completion sources', () => {
  it('reads host names from the fleet file and containers from the cache of that fleet only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-completion-'));
    const fleet = join(dir, 'fleet.yaml');
    writeFileSync(fleet, 'hosts:\n  - name: web-a\n    ssh: a@h\n  - name: web-b\n    docker: unix:///x\n');
    const env = { FLEETDECK_CONFIG: fleet, FLEETDECK_DATA_DIR: join(dir, 'data') };
    const cachePath = completionCachePath(env);
    expect(cachePath).toBe(join(dir, 'data', 'completion-cache.json'));
    const listing = { hosts: [{ name: 'web-a' }], containers: [makeContainer('web-a', 'api-1')] };
    writeCompletionCache(cachePath, fleet, listing, 0);
    expect(readCompletionCache(cachePath, fleet)?.containers).toEqual([
      { host: 'web-a', name: 'api-1', role: 'api' },
    ]);
    expect(readCompletionCache(cachePath, join(dir, 'another.yaml'))).toBeUndefined();
    // The cache holds names only: no labels, no state.
    expect(readFileSync(cachePath, 'utf8')).not.toContain('labels');

    const local = localSources(env, dir);
    expect(local.hosts(undefined)).toEqual(['web-a', 'web-b', 'web-a']);
    expect(local.containers(undefined).map((c) => c.name)).toEqual(['api-1']);
    expect(local.containers(join(dir, 'another.yaml'))).toEqual([]);
    mkdirSync(join(dir, 'cfg', 'fleetdeck', 'themes'), { recursive: true });
    writeFileSync(join(dir, 'cfg', 'fleetdeck', 'themes', 'mine.yaml'), 'extends: dark\n');
    expect(localSources({ ...env, XDG_CONFIG_HOME: join(dir, 'cfg') }, dir).themes()).toContain('mine');
  });

  it('a missing or unreadable fleet file and cache give nothing, never an error', () => {
    const local = localSources({
      FLEETDECK_CONFIG: '/nonexistent/fleet.yaml',
      FLEETDECK_DATA_DIR: '/nonexistent',
    });
    expect(local.hosts(undefined)).toEqual([]);
    expect(local.containers(undefined)).toEqual([]);
  });
});

describe('completion scripts', () => {
  it('the bash script parses and registers the function', () => {
    const out = execFileSync('bash', ['-c', `${completionScript('bash')}\ncomplete -p fleetdeck`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('complete -F _fleetdeck fleetdeck');
  });

  it('bash: words are split on blanks only, and what bash thinks is typed after : is kept', () => {
    // A stand-in for the binary: echoes the words it was asked about, then fixed candidates.
    const reply = (line: string) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${completionScript('bash')}
fleetdeck() { printf 'ARGS %s|' "$@" >&2; printf 'role:web\\trole\\nrole:batch\\n'; }
COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}; _fleetdeck; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'bash',
          line,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    expect(reply('fleetdeck logs role:w')).toBe('web\nbatch\n');
    expect(reply('fleetdeck logs ')).toBe('role:web\nrole:batch\n');
  });

  it('zsh and fish scripts call back fleetdeck __complete and handle :files', () => {
    for (const shell of ['zsh', 'fish'] as const) {
      const script = completionScript(shell);
      expect(script).toContain('fleetdeck __complete');
      expect(script).toContain(':files');
    }
    expect(completionScript('zsh')).toContain('compdef _fleetdeck fleetdeck');
    expect(completionScript('fish')).toContain("complete -c fleetdeck -f -a '(__fleetdeck_complete)'");
  });
});

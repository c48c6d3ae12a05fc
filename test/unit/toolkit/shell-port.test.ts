import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit, type Planned } from '../../../src/actions/index.js';
import { planExec } from '../../../src/actions/exec/plan.js';
import { DEFAULT_SHELL_SCRIPT, shellCommand } from '../../../src/actions/exec/shell-command.js';
import type { ExecParams } from '../../../src/actions/exec/types.js';
import { shellPort } from '../../../src/app/shell-port.js';
import type { ShellTerminal, TerminalHandoff } from '../../../src/ui/shell/types.js';
import { details } from '../actions/fake-mutations.js';
import { ToolkitHost } from './fake-toolkit.js';

/** A handoff that records when the terminal is taken and given back, with a resizable size. */
function recordingTerminal() {
  const log: string[] = [];
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let resize: () => void = () => undefined;
  const terminal: ShellTerminal = {
    stdin,
    stdout,
    size: () => ({ rows: 30, columns: 100 }),
    onResize: (l) => ((resize = l), () => log.push('unsubscribed')),
  };
  const handoff: TerminalHandoff = {
    take: () => (log.push('take'), terminal),
    giveBack: () => void log.push('giveBack'),
  };
  return { log, handoff, stdin, stdout, resize: () => resize() };
}

function setup(readOnly: boolean) {
  const host = new ToolkitHost('lab-0');
  const audit = new MemoryAudit();
  const executor = new ActionExecutor({
    readOnly,
    hosts: () => host,
    audit,
    journalDir: mkdtempSync(join(tmpdir(), 'fd-shell-')),
    user: 'ops',
    machine: 'm',
  });
  const planned: ExecParams[] = [];
  const service = {
    plan: async (_kind: string, _t: unknown, p: { exec?: ExecParams } = {}): Promise<Planned> => {
      planned.push(p.exec!);
      return {
        plan: planExec({ target: 'lab-0/web-1', containers: [details('lab-0', 'web-1')], params: p.exec! }),
        unreachable: [],
      };
    },
    run: executor.run.bind(executor),
  };
  const roles: Record<string, string> = { web: '/bin/ash -l' };
  const port = shellPort(service, (role) => roles[role]);
  return { host, audit, port, planned };
}

const target = { host: 'lab-0', id: 'lab-0-web-1-0001', name: 'web-1', role: 'web' };

describe('the shell port (e)', () => {
  it('bash if present, else sh; a role’s shell: wins', () => {
    expect(shellCommand(undefined)).toEqual(['/bin/sh', '-c', DEFAULT_SHELL_SCRIPT]);
    expect(shellCommand('  ')).toEqual(['/bin/sh', '-c', DEFAULT_SHELL_SCRIPT]);
    expect(shellCommand('zsh -l')).toEqual(['zsh', '-l']);
  });

  it('runs an interactive TTY exec through the executor: terminal taken for the session only, audit has the command', async () => {
    const { host, audit, port, planned } = setup(false);
    const t = recordingTerminal();
    host.toolkit.execScript = async (req, io) => {
      t.log.push('session');
      expect(io.size?.()).toEqual({ rows: 30, columns: 100 });
      io.stdout.write('secret output\n');
      expect(io.stdin).toBe(t.stdin);
      return 3;
    };
    const outcome = await port(target, t.handoff);
    expect(outcome.result).toBe('ok');
    expect(t.log).toEqual(['take', 'session', 'giveBack']);
    expect(planned).toEqual([{ cmd: ['/bin/ash', '-l'], tty: true, interactive: true }]);
    expect(host.toolkit.execs[0]).toMatchObject({ cmd: ['/bin/ash', '-l'], tty: true, interactive: true });
    expect(audit.lines.map((e) => e.phase)).toEqual(['start', 'end']);
    expect(audit.lines[0]).toMatchObject({ action: 'exec', params: { cmd: ['/bin/ash', '-l'] } });
    expect(JSON.stringify(audit.lines)).not.toContain('secret output');
  });

  it('a role without shell: gets bash-or-sh', async () => {
    const { port, planned } = setup(false);
    await port({ ...target, role: 'db' }, recordingTerminal().handoff);
    expect(planned[0]?.cmd).toEqual(['/bin/sh', '-c', DEFAULT_SHELL_SCRIPT]);
  });

  it('read-only: refused by the executor — no exec sent, the terminal never taken, the refusal audited', async () => {
    const { host, audit, port } = setup(true);
    const t = recordingTerminal();
    const outcome = await port(target, t.handoff);
    expect(outcome.result).toBe('refused');
    expect(outcome.message).toContain('read-only mode');
    expect(host.toolkit.execs).toEqual([]);
    expect(t.log).toEqual([]);
    expect(audit.entries).toEqual([
      expect.objectContaining({ phase: 'end', action: 'exec', result: 'refused' }),
    ]);
  });

  it('gives the terminal back when the session fails (the container went away)', async () => {
    const { host, port } = setup(false);
    const t = recordingTerminal();
    host.toolkit.execScript = () => Promise.reject(new Error('lab-0: container web-1 is gone'));
    const outcome = await port(target, t.handoff);
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toContain('container web-1 is gone');
    expect(t.log).toEqual(['take', 'giveBack']);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import { planExec } from '../../../src/actions/exec/plan.js';
import { exitStatusOf } from '../../../src/app/commands/exec.js';
import { PrefixLines } from '../../../src/app/commands/prefix-lines.js';
import { demuxInto } from '../../../src/docker/exec-session.js';
import { details } from '../actions/fake-mutations.js';
import { ToolkitHost } from './fake-toolkit.js';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('planExec (pure)', () => {
  const web1 = details('lab-0', 'web-1');
  const web2 = details('lab-1', 'web-2');
  it('one container: a plain yes, the command (never output) in the audit params', () => {
    const p = planExec({
      target: 'lab-0/web-1',
      containers: [web1],
      params: { cmd: ['sh', '-c', 'echo hi'] },
    });
    expect(p.summary).toBe("exec `sh -c 'echo hi'` in lab-0/web-1");
    expect(p.confirmation.mode).toBe('yes-no');
    expect(p.params).toMatchObject({ cmd: ['sh', '-c', 'echo hi'], tty: false, containers: ['lab-0/web-1'] });
  });
  it('a role: every running replica, the role name typed; stopped replicas skipped and said', () => {
    const stopped = details('lab-2', 'web-3', { state: 'exited' });
    const p = planExec({ target: 'role:web', containers: [web1, web2, stopped], params: { cmd: ['true'] } });
    expect(p.containers.map((c) => c.name)).toEqual(['web-1', 'web-2']);
    expect(p.confirmation).toMatchObject({ mode: 'type', text: 'web' });
    expect(p.steps.at(-1)).toBe('skip lab-2/web-3 (exited): not running');
  });
  it('refuses: no command, nothing running, a TTY over several replicas', () => {
    expect(() => planExec({ target: 'web-1', containers: [web1], params: { cmd: [] } })).toThrow(
      'exec needs a command',
    );
    expect(() =>
      planExec({
        target: 'web-1',
        containers: [details('lab-0', 'web-1', { state: 'exited' })],
        params: { cmd: ['true'] },
      }),
    ).toThrow('nothing running in web-1 (lab-0/web-1 is exited)');
    expect(() =>
      planExec({ target: 'role:web', containers: [web1, web2], params: { cmd: ['sh'], tty: true } }),
    ).toThrow('exec -i/-t needs one container');
  });
});

describe('exec through the executor', () => {
  it('each replica runs with its own streams; exit statuses per replica; one audit line; read-only refused', async () => {
    const a = new ToolkitHost('lab-0');
    const b = new ToolkitHost('lab-1');
    a.toolkit.execScript = (_r, io) => (io.stdout.write('from a\n'), 0);
    b.toolkit.execScript = (_r, io) => (io.stderr.write('from b\n'), 5);
    const hosts = (n: string) => (n === 'lab-0' ? a : b);
    const plan = planExec({
      target: 'role:web',
      containers: [details('lab-0', 'web-1'), details('lab-1', 'web-2')],
      params: { cmd: ['sh'], user: 'nobody', workdir: '/tmp' },
    });
    const audit = new MemoryAudit();
    const mk = (readOnly: boolean) =>
      new ActionExecutor({
        readOnly,
        hosts,
        audit,
        journalDir: mkdtempSync(join(tmpdir(), 'fd-exec-')),
        user: 'ops',
        machine: 'm',
      });
    const out = collect();
    const err = collect();
    const outcome = await mk(false).run(plan, {
      confirm: 'web',
      execIo: (c) => ({
        stdout: new PrefixLines(`${c.host}/${c.name} | `, out.stream),
        stderr: new PrefixLines(`${c.host}/${c.name} | `, err.stream),
      }),
    });
    expect(outcome.result).toBe('ok');
    expect((outcome.details as { results: unknown }).results).toEqual([
      { host: 'lab-0', name: 'web-1', exitCode: 0 },
      { host: 'lab-1', name: 'web-2', exitCode: 5 },
    ]);
    expect(exitStatusOf(outcome)).toBe(5);
    expect(out.text()).toBe('lab-0/web-1 | from a\n');
    expect(err.text()).toBe('lab-1/web-2 | from b\n');
    expect(a.toolkit.execs[0]).toMatchObject({
      containerId: 'lab-0-web-1-0001',
      cmd: ['sh'],
      user: 'nobody',
      workdir: '/tmp',
      tty: false,
    });
    expect(audit.entries).toHaveLength(1);
    expect(JSON.stringify(audit.entries[0])).not.toContain('from a');

    const refused = await mk(true).run(plan, {
      confirm: 'web',
      execIo: () => ({ stdout: out.stream, stderr: err.stream }),
    });
    expect(refused.result).toBe('refused');
    expect(exitStatusOf(refused)).toBe(2);
    expect(a.toolkit.execs).toHaveLength(1);
  });
});

describe('streams', () => {
  it('demuxes Docker frames split anywhere into stdout and stderr', () => {
    const src = new PassThrough();
    const out = collect();
    const err = collect();
    demuxInto(src, out.stream, err.stream);
    const frame = (t: number, s: string) =>
      Buffer.concat([Buffer.from([t, 0, 0, 0, 0, 0, 0, s.length]), Buffer.from(s)]);
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'oops\n'), frame(1, 'world\n')]);
    src.write(all.subarray(0, 5));
    src.write(all.subarray(5, 17));
    src.write(all.subarray(17));
    expect(out.text()).toBe('hello world\n');
    expect(err.text()).toBe('oops\n');
  });
  it('prefixes whole lines, sanitised, and flushes a last partial one', () => {
    const out = collect();
    const p = new PrefixLines('h/c | ', out.stream);
    p.write('a\nb');
    p.write('c\x1b[31m\n');
    p.write('tail');
    p.flush();
    expect(out.text()).toBe('h/c | a\nh/c | bc\nh/c | tail\n');
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, AuditLog, MemoryAudit, type AuditEntry } from '../../../src/actions/index.js';
import { auditParams, auditSummary } from '../../../src/actions/audit-log.js';
import { planRedeploy } from '../../../src/actions/planners/redeploy-plan.js';
import { planSignalAction } from '../../../src/actions/planners/signal-plan.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

function exec(lab0: FakeMutations, audit: { append(e: AuditEntry): Promise<void> }) {
  let t = 1_700_000_000_000;
  return new ActionExecutor({
    readOnly: false,
    hosts: fleetOf(lab0),
    audit,
    journalDir: mkdtempSync(join(tmpdir(), 'fd-journal-')),
    user: 'ops',
    machine: 'laptop',
    now: () => t,
    sleep: (ms) => ((t += ms), Promise.resolve()),
    pollMs: 100,
  });
}

describe('audit lines', () => {
  it('the start line is on disk before the first call reaches a host (a killed run leaves it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-audit-'));
    const file = join(dir, 'audit.jsonl');
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1')]);
    let seenAtFirstCall = '';
    const restart = lab0.restart.bind(lab0);
    lab0.restart = (id: string) => {
      seenAtFirstCall = readFileSync(file, 'utf8');
      return restart(id);
    };
    const plan = planSignalAction({
      kind: 'restart',
      target: 'web',
      containers: [...lab0.containers.values()],
    });
    await exec(lab0, new AuditLog(file)).run(plan, { confirm: true });
    const atCall = seenAtFirstCall
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(atCall).toEqual([expect.objectContaining({ phase: 'start', action: 'restart', target: 'web' })]);
    const all = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(all.map((e) => e.phase)).toEqual(['start', 'end']);
    expect(all[1]!.run).toBe(all[0]!.run);
  });

  it('a refusal sends nothing and has only its end line', async () => {
    const audit = new MemoryAudit();
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1')]);
    const plan = planSignalAction({
      kind: 'restart',
      target: 'web',
      containers: [...lab0.containers.values()],
    });
    await exec(lab0, audit).run(plan, { confirm: false });
    expect(audit.lines.map((e) => [e.phase, e.phase === 'end' ? e.result : '-'])).toEqual([
      ['end', 'refused'],
    ]);
  });

  it('an audit log that cannot be written: the action does not run', async () => {
    const lab0 = new FakeMutations('lab-0', [details('lab-0', 'web-1')]);
    const plan = planSignalAction({
      kind: 'restart',
      target: 'web',
      containers: [...lab0.containers.values()],
    });
    const out = await exec(lab0, {
      append: () => Promise.reject(new Error('EROFS: read-only file system')),
    }).run(plan, { confirm: true });
    expect(out.result).toBe('failed');
    expect(out.message).toContain('not started — the audit log could not be written (EROFS');
    expect(lab0.calls).toEqual([]);
  });

  it('a failed redeploy: the end line has no log lines, no health output, no env values', async () => {
    const env = ['DATABASE_URL=postgres://u:hunter2@db/x'];
    const lab0 = new FakeMutations('lab-0', [
      details('lab-0', 'web-1', { env, healthLog: [] }),
      details('lab-0', 'web-2', { id: 'lab-0-web-2-0001', env }),
    ]);
    lab0.healthOfImage = (img) => (img === 'tiny:v2' ? 'unhealthy' : 'none');
    const inspect = lab0.inspect.bind(lab0);
    lab0.inspect = async (id: string) => {
      const d = await inspect(id);
      return d.health === 'unhealthy'
        ? { ...d, healthLog: [{ start: '', end: '', exitCode: 1, output: 'SECRET-HEALTH: hunter2' }] }
        : d;
    };
    const audit = new MemoryAudit();
    const plan = planRedeploy({
      role: 'web',
      image: 'tiny:v2',
      waitSeconds: 0,
      replicas: [...lab0.containers.values()],
      imagePresentOn: ['lab-0'],
    });
    const out = await exec(lab0, audit).run(plan, { confirm: 'web' });
    expect(out.result).toBe('failed');
    expect(out.message).toContain('SECRET-HEALTH'); // the operator sees it…
    expect(out.message).toContain('last log lines');
    const text = JSON.stringify(audit.lines);
    expect(text).not.toContain('SECRET-HEALTH'); // …the audit log does not
    expect(text).not.toContain('last line');
    expect(text).not.toContain('hunter2');
    expect(audit.entries[0]!.message).toMatch(/^failed in batch 1/);
  });

  it('summary is the first line, bounded; params that may hold env or output are dropped', () => {
    expect(auditSummary('failed in batch 1 — x\n  web-1: unhealthy\n    health: boom')).toBe(
      'failed in batch 1 — x',
    );
    expect(auditSummary('y'.repeat(1000))).toHaveLength(400);
    expect(auditParams({ image: 'a', env: ['A=1'], logs: ['l'], output: 'o', healthOutput: 'h' })).toEqual({
      image: 'a',
    });
  });
});

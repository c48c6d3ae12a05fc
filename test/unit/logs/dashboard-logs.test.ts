import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/domain/logs/demux.js';
import { saveLogLines } from '../../../src/fleet/logs/save.js';
import { logTailOpener } from '../../../src/fleet/logs/open-log-tail.js';
import { loadTheme, paintText } from '../../../src/theme/index.js';
import { logsRequest, MAX_LOG_SOURCES, rowsLabel } from '../../../src/ui/logs/log-request.js';
import { logsSavePath } from '../../../src/ui/logs/save-path.js';
import { paneKeysHint } from '../../../src/ui/logs/pane-hint.js';
import { activeBindings, displayKey } from '../../../src/ui/keymap.js';
import { container, FakeHostApi, ts, waitFor } from './fake-host-api.js';
import { out } from './fake-log-reader.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('logsRequest', () => {
  const web1 = container('a', 'web-1');
  const web2 = container('b', 'web-2');
  const stopped = { ...container('b', 'web-3'), state: 'exited' as const };
  const db = container('a', 'db-1', 'db');
  const all = [web1, web2, stopped, db];

  it('takes a single container in any state', () => {
    const r = logsRequest({ kind: 'container', container: stopped }, all);
    expect(r).toEqual({ ok: true, request: { title: 'b/web-3', containers: [stopped] } });
  });

  it('takes the running members of a role across hosts, or of a host', () => {
    const role = logsRequest({ kind: 'role', role: 'web' }, all);
    expect(role.ok && role.request.containers).toEqual([web1, web2]);
    expect(role.ok && role.request.title).toBe('role web (2 containers)');
    const host = logsRequest({ kind: 'host', host: 'a' }, all);
    expect(host.ok && host.request.containers).toEqual([web1, db]);
  });

  it('explains an empty group instead of opening nothing', () => {
    const r = logsRequest({ kind: 'host', host: 'c' }, all);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^host c: no containers — check that c is reachable/);
    const rows = logsRequest({ kind: 'rows', label: 'containers /web-3/', containers: [stopped] }, all);
    expect(!rows.ok && rows.message).toContain('no running containers (1 stopped)');
  });

  it('caps a huge selection and says so', () => {
    const many = Array.from({ length: MAX_LOG_SOURCES + 7 }, (_, i) => container('a', `w-${i}`));
    const r = logsRequest({ kind: 'rows', label: 'containers', containers: many }, many);
    expect(r.ok && r.request.containers).toHaveLength(MAX_LOG_SOURCES);
    expect(r.ok && r.request.note).toBe(
      `logs of the first ${MAX_LOG_SOURCES} of ${MAX_LOG_SOURCES + 7} running containers — narrow with / or :ps ROLE`,
    );
  });

  it('labels the rows L took', () => {
    expect(rowsLabel({ host: 'a', role: 'web' }, 'api')).toBe('containers host=a role=web /api/');
  });
});

describe('logsSavePath', () => {
  it('names a new file per save after the view and the UTC time', () => {
    const t = Date.UTC(2025, 0, 15, 12, 3, 4);
    expect(logsSavePath('/data/logs', 'role web (3 containers)', t)).toBe(
      '/data/logs/fleetdeck-logs-role-web-20250115-120304Z.log',
    );
    expect(logsSavePath('/d', 'web-a/api-1', t)).toBe('/d/fleetdeck-logs-web-a-api-1-20250115-120304Z.log');
    expect(logsSavePath('/d', '///', t)).toBe('/d/fleetdeck-logs-logs-20250115-120304Z.log');
  });

  it('saveLogLines creates the directory (the data dir may not exist yet)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-save-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'logs', 'x.log');
    expect(await saveLogLines(path, [out('a/web-1', 'hello', 'stderr')], { timestamps: false })).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe('a/web-1 ! hello\n');
  });
});

describe('theme colours for the logs pane', () => {
  it('paints through the theme, degraded to the colour mode like every view', () => {
    const rgb = { kind: 'rgb', r: 0x5f, g: 0xaf, b: 0xff } as const;
    const paint = (mode: 'truecolor' | 'ansi256' | 'ansi16' | 'none'): string =>
      paintText('x', mode, { color: rgb });
    expect(paint('truecolor')).toBe('\x1b[38;2;95;175;255mx\x1b[0m');
    expect(paint('ansi256')).toBe('\x1b[38;5;75mx\x1b[0m');
    // eslint-disable-next-line no-control-regex
    expect(paint('ansi16')).toMatch(/^\x1b\[9[46]mx/);
    expect(paint('none')).toBe('x');
  });

  it('gives every built-in theme a distinct source palette; mono has no colours', () => {
    const sources = (name: string) => {
      const { styles } = loadTheme({ name, colorMode: 'truecolor' }).theme;
      return {
        sources: ([1, 2, 3, 4, 5, 6] as const).map((i) => JSON.stringify(styles[`log.source${i}`].color)),
        stderr: styles['log.stderr'].color,
        match: styles['log.match'].color,
      };
    };
    for (const name of ['dark', 'light', 'high-contrast']) {
      const colors = sources(name);
      expect(new Set(colors.sources).size).toBe(6);
      expect(colors.stderr).toBeDefined();
      expect(colors.match).toBeDefined();
    }
    const mono = sources('mono');
    expect(mono.sources.every((c) => c === undefined || c === '{"kind":"default"}')).toBe(true);
    expect(mono.match).toBeUndefined();
  });

  it('hints at the keys the logs view binds, from its bindings', () => {
    const hint = paneKeysHint();
    for (const b of activeBindings('logs', { readOnly: true, canAct: false }).filter((b) =>
      b.id.startsWith('logs.'),
    ))
      expect(hint).toContain(`${displayKey(b.keys[0] ?? '')} ${b.hint}`);
  });
});

describe('logTailOpener', () => {
  it('opens a started follow-tail over the host gateways; close ends the streams', async () => {
    const api = new FakeHostApi('a');
    const web1 = container('a', 'web-1');
    const open = logTailOpener(new Map([['a', api]]), { frameMs: 5 });
    const tail = open([web1, container('gone-host', 'web-9')]);
    await waitFor(() => api.calls.length === 1, 2000, 'the stream opened');
    api.last(web1.id).stream.write(encodeFrame('stdout', `${ts(1)} hello\n`));
    await waitFor(() => tail.getSnapshot().endSeq > 0, 2000, 'the line');
    expect(tail.getSnapshot().line(0)?.text).toBe('hello');
    expect(tail.getSnapshot().sources.map((s) => s.id)).toEqual(['a/web-1']);
    expect(api.last(web1.id).opts.follow).toBe(true);
    tail.close();
    await waitFor(() => api.last(web1.id).closed, 2000, 'stream closed');
    expect(tail.getSnapshot().done).toBe(true);
  });
});

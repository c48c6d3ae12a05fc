import { describe, expect, it } from 'vitest';
import { collectAlerts } from '../../../src/ui/presenters/alerts.js';
import { presentDetails } from '../../../src/ui/views/details/present.js';
import { container, details, host, T0 } from './support.js';

describe('credentials on screen', () => {
  it('details mask URL passwords and token shapes in env, command and health output', () => {
    const c = container('web-a', 'api-1');
    const d = details(c, {
      env: ['DATABASE_URL=postgres://app:pw@db:5432/app', 'GH=ghp_' + 'x'.repeat(36), 'LANG=C'],
      cmd: ['psql', 'postgres://app:pw@db/app'],
      entrypoint: [],
      healthLog: [{ start: 't', end: 't', exitCode: 1, output: 'auth failed for Bearer abcdefgh12345' }],
    });
    const text = presentDetails(d, T0)
      .flatMap((s) => s.lines.map(([k, v]) => `${k} ${v}`))
      .join('\n');
    expect(text).toContain('DATABASE_URL=postgres://app:•••@db:5432/app');
    expect(text).toContain('GH=ghp_•••');
    expect(text).toContain('LANG=C');
    expect(text).toContain('psql postgres://app:•••@db/app');
    expect(text).toContain('Bearer •••');
    expect(text).not.toMatch(/:pw@|x{36}|abcdefgh12345/);
  });

  it('the wallboard alerts never show a credential quoted by an error', () => {
    const down = host('web-b', {
      state: 'unreachable',
      problem: { code: 'auth-failed', message: 'registry https://ci:tok3n@reg.example.com refused' },
    });
    const alert = collectAlerts({ hosts: [down], containers: [], events: [], now: T0 }).find(
      (a) => a.kind === 'host',
    );
    expect(alert?.text).toContain('https://ci:•••@reg.example.com');
    expect(alert?.text).not.toContain('tok3n');
  });
});

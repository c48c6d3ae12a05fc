import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/domain/container.js';
import { resolveLogTarget } from '../../../src/domain/logs/target.js';
import { makeContainer } from '../../support/fake-host-api.js';

function c(host: string, name: string, role: string, id = `${host}-${name}-0000`): Container {
  return makeContainer(host, name, {
    id,
    role,
    image: 'img',
    imageId: 'sha',
    command: '',
    created: 0,
    status: 'Up',
  });
}

const fleet = [
  c('lab-0', 'web-1', 'web'),
  c('lab-0', 'db-1', 'db'),
  c('lab-1', 'web-1', 'web'),
  c('lab-1', 'web-2', 'web', 'abcdef123456'),
];
const keys = (r: ReturnType<typeof resolveLogTarget>): string[] =>
  r.ok ? r.containers.map((x) => `${x.host}/${x.name}`) : [r.error];

describe('resolveLogTarget', () => {
  it('resolves a role across the fleet', () => {
    expect(keys(resolveLogTarget('role:web', fleet))).toEqual(['lab-0/web-1', 'lab-1/web-1', 'lab-1/web-2']);
  });

  it('resolves all containers of a host', () => {
    expect(keys(resolveLogTarget('host:lab-0', fleet))).toEqual(['lab-0/web-1', 'lab-0/db-1']);
  });

  it('resolves one container by host/name', () => {
    expect(keys(resolveLogTarget('lab-1/web-2', fleet))).toEqual(['lab-1/web-2']);
  });

  it('resolves a plain name on every host, or an id prefix', () => {
    expect(keys(resolveLogTarget('web-1', fleet))).toEqual(['lab-0/web-1', 'lab-1/web-1']);
    expect(keys(resolveLogTarget('abcdef', fleet))).toEqual(['lab-1/web-2']);
  });

  it('explains what to do when nothing matches', () => {
    const r = resolveLogTarget('role:cache', fleet);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('no container matches "role:cache"');
    expect(resolveLogTarget('role:', fleet).ok).toBe(false);
    expect(resolveLogTarget('lab-0/', fleet).ok).toBe(false);
  });
});

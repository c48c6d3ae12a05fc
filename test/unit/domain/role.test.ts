import { describe, expect, it } from 'vitest';
import { roleOf } from '../../../src/domain/role.js';

describe('roleOf', () => {
  it('prefers the configured label, then compose service, then NAME-N, then the name', () => {
    expect(roleOf('web-1', { role: 'frontend' })).toBe('frontend');
    expect(roleOf('web-1', { tier: 'edge' }, 'tier')).toBe('edge');
    expect(roleOf('proj-api-1', { 'com.docker.compose.service': 'api' })).toBe('api');
    expect(roleOf('web-12', {})).toBe('web');
    expect(roleOf('/worker_3', {})).toBe('worker');
    expect(roleOf('cron', {})).toBe('cron');
    expect(roleOf('my-app-v2', {})).toBe('my-app-v2');
  });
});

import { describe, expect, it } from 'vitest';
import { hostsJson, hostsTable } from '../../../src/app/output/hosts.js';
import type { HostStatus } from '../../../src/domain/host.js';
import { collectFleet } from '../../../src/fleet/collect.js';
import { presentHost } from '../../../src/ui/views/hosts/present.js';
import { FakeHostApi } from '../../support/fake-host-api.js';

/* A host whose key checking is off says so loudly wherever it is listed, even when it is up. */

const warning =
  'host key checking is OFF for web-1:22 (StrictHostKeyChecking no): any new host key is trusted';
const up: HostStatus = { name: 'web-1', address: 'ops@web-1:22', state: 'up', since: 0, warning };

describe('a host warning', () => {
  it('shows in `hosts` as the reason and in --json as its own field', () => {
    expect(hostsTable([up], 0)).toContain(`WARNING: ${warning}`);
    expect(hostsJson([up])[0]).toMatchObject({ reason: null, warning });
    expect(hostsJson([{ ...up, warning: undefined }])[0]?.warning).toBeNull();
  });

  it('shows in the dashboard’s host reason while the host is up', () => {
    expect(presentHost(up, 0).reason).toBe(`⚠ ${warning}`);
    const down = {
      ...up,
      state: 'unreachable' as const,
      problem: { code: 'timeout' as const, message: 'web-1: timed out' },
    };
    expect(presentHost(down, 0).reason).toBe('web-1: timed out');
  });

  it('travels from the host’s identity into a listing', async () => {
    const api = new FakeHostApi('web-1');
    const listing = await collectFleet([{ identity: { name: 'web-1', address: 'a', warning }, api }], {
      all: true,
      timeoutMs: 1000,
    });
    expect(listing.hosts[0]?.warning).toBe(warning);
  });
});

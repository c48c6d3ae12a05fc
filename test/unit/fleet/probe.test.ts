import { describe, expect, it } from 'vitest';
import { probeHost } from '../../../src/fleet/probe.js';
import { FakeHostApi, makeContainer } from '../../support/fake-host-api.js';
import { ManualClock } from '../../support/manual-clock.js';

const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
};

/** A host whose handshake waits in the client's queue until the test lets it start. */
class QueuedHost extends FakeHostApi {
  private startSlot!: () => void;
  private readonly slot = new Promise<void>((r) => (this.startSlot = r));
  letStart(): void {
    this.startSlot();
  }
  handshakeStarted(): Promise<void> {
    return this.slot;
  }
}

describe('probeHost', () => {
  it('pings the warm connection after the list, unless told not to', async () => {
    const api = new FakeHostApi('web-a');
    api.containers = [makeContainer('web-a', 'web-1')];
    const full = await probeHost(api, { all: true, timeoutMs: 10_000 });
    expect(full).toMatchObject({ ok: true, docker: { apiVersion: '1.41' } });
    expect(api.callCount('ping')).toBe(1);
    const quick = await probeHost(api, { all: true, timeoutMs: 10_000, ping: false });
    expect(quick.ok && quick.docker).toMatchObject({ serverVersion: '20.10.24' });
    expect(quick.ok && quick.docker?.apiVersion).toBeUndefined();
    expect(quick.ok && quick.latencyMs).toBeUndefined();
    expect(api.callCount('ping')).toBe(1);
    expect(api.callCount('info')).toBe(2);
  });

  it('does not count the wait for a handshake slot against its deadline', async () => {
    const clock = new ManualClock(0);
    const api = new QueuedHost('web-a');
    api.containers = [makeContainer('web-a', 'web-1')];
    let result: Awaited<ReturnType<typeof probeHost>> | undefined;
    void probeHost(api, { all: true, timeoutMs: 10_000, clock }).then((r) => (result = r));
    clock.advance(60_000); // a minute in the queue behind other hosts' handshakes
    await settle();
    expect(result).toBeUndefined();
    expect(api.callCount('ping')).toBe(0);
    api.letStart();
    await settle();
    expect(result).toMatchObject({ ok: true, containers: [{ name: 'web-1' }] });
  });

  it('times out a host that got its slot and then did not answer', async () => {
    const clock = new ManualClock(0);
    const api = new QueuedHost('web-a');
    api.ping = () => new Promise(() => undefined); // never answers
    let result: Awaited<ReturnType<typeof probeHost>> | undefined;
    void probeHost(api, { all: true, timeoutMs: 10_000, clock }).then((r) => (result = r));
    api.letStart();
    await settle();
    clock.advance(10_000);
    await settle();
    expect(result).toMatchObject({ ok: false, problem: { code: 'timeout' } });
  });
});

describe('probeHost without details (ps)', () => {
  it('asks for the container list alone: no /info, no ping', async () => {
    const api = new FakeHostApi('web-a');
    api.containers = [makeContainer('web-a', 'web-1')];
    const result = await probeHost(api, { all: true, timeoutMs: 10_000, details: false });
    expect(result).toMatchObject({ ok: true, containers: [{ name: 'web-1' }] });
    expect(result.ok && result.docker).toBeFalsy();
    expect(api.callCount('info')).toBe(0);
    expect(api.callCount('ping')).toBe(0);
    expect(api.callCount('listContainers')).toBe(1);
  });

  it('with details, pings only once the list is in (a warm round trip, not the handshake)', async () => {
    const api = new FakeHostApi('web-a');
    let listed = false;
    const list = api.listContainers.bind(api);
    api.listContainers = async (o) => {
      const r = await list(o);
      listed = true;
      return r;
    };
    const ping = api.ping.bind(api);
    let pingedAfterList: boolean | undefined;
    api.ping = async () => {
      pingedAfterList = listed;
      return ping();
    };
    const result = await probeHost(api, { all: true, timeoutMs: 10_000 });
    expect(result.ok).toBe(true);
    expect(pingedAfterList).toBe(true);
    expect(api.callCount('info')).toBe(1);
  });
});

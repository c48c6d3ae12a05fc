import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  FLOOD,
  openFloodDashboard,
  openLogsOf,
  removeFlood,
  startFlood,
  toggleFollow,
  waitListed,
  type FloodDashboard,
} from '../support/flood-dashboard.js';
import { describeLab } from '../support/lab.js';

/*
 * A container that floods its log, followed over SSH in the dashboard: the view keeps at most its
 * line cap, the memory it retains stays bounded, keys are still answered, and leaving the view closes every
 * stream. Outcomes only — how fast keys are answered during the flood is measured by
 * `npm run bench -- logs-flood`, beside the same keys over a quiet container.
 */

/** Every wait is on a condition; the bound is generous (a loaded 2-core machine). */
const WAIT_MS = 60_000;
/** The flood must bring this many lines (times the view's cap) before the outcomes are judged. */
const CAPS_OF_LINES = 3;
const SPACE_PRESSES = 6;
/**
 * What the flood may leave the heap holding, after a full GC, with the view still open: its
 * line cap of short lines and their rows is a few MB. Retained memory, not RSS: how much garbage
 * V8 keeps around before collecting depends on the machine's load, what is kept does not.
 */
const RETAINED_HEAP_LIMIT = 64 * 1024 * 1024;

// A full GC on demand, without starting vitest's workers with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const retainedHeap = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describeLab('logs: a flooding container in the dashboard', (lab) => {
  // Not host 0: its data root is a small btrfs image, and the flood's log file grows fast.
  const floodHost = lab.hosts.length - 1;
  const floodHostName = lab.hosts[floodHost]!.name;
  let dashboard: FloodDashboard | undefined;

  beforeAll(() => startFlood(lab, floodHost));
  afterAll(async () => {
    await dashboard?.close();
    await removeFlood(lab, floodHost);
  });

  it('keeps its line cap and bounded memory, answers keys, and closes every stream on Esc', async () => {
    const d = (dashboard = await openFloodDashboard(lab));
    await waitListed(d, floodHostName, FLOOD, WAIT_MS);
    const heapBefore = retainedHeap();
    const rssBefore = process.memoryUsage().rss;
    let rssMax = rssBefore;
    const rssSampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 100);
    try {
      const tail = await openLogsOf(d, floodHostName, FLOOD, 'flood line', WAIT_MS);
      const received = (): number => tail.getSnapshot().endSeq + tail.getSnapshot().dropped;
      const enough = CAPS_OF_LINES * tail.getSnapshot().lineCap;
      // Keys during the flood: each Space's effect (PAUSED / following) shows, however long it takes.
      let paused = false;
      for (let i = 0; i < SPACE_PRESSES; i++) {
        await toggleFollow(d, paused, WAIT_MS);
        paused = !paused;
      }
      await d.frameUntil(() => received() >= enough, `${enough} flood lines received`, 2 * WAIT_MS);
      expect(paused).toBe(false);
      await d.frameUntil(
        (f) => f.includes('· following') && f.includes('flood line'),
        'still following',
        WAIT_MS,
      );

      const heapAfter = retainedHeap();
      const snap = tail.getSnapshot();
      console.log(
        `[flood] ${JSON.stringify({
          received: received(),
          dropped: snap.dropped,
          held: snap.endSeq - snap.startSeq,
          bytes: d.watch.bytes,
          rssBeforeMb: Math.round(rssBefore / 2 ** 20),
          rssMaxMb: Math.round(rssMax / 2 ** 20),
          retainedHeapMb: Math.round((heapAfter - heapBefore) / 2 ** 20),
        })}`,
      );
      // The view holds at most its line cap, whatever came in (three caps' worth did).
      expect(received()).toBeGreaterThanOrEqual(enough);
      expect(snap.endSeq - snap.startSeq).toBeLessThanOrEqual(snap.lineCap);
      expect(heapAfter - heapBefore).toBeLessThan(RETAINED_HEAP_LIMIT);

      // Esc closes the view, and with it the stream on the SSH connection (not just the tail).
      d.ui.stdin.write('\x1b');
      await d.frameUntil(
        (f) => !f.includes('Logs ·') && f.includes('Containers'),
        'the Logs view closed',
        WAIT_MS,
      );
      const closed = (): boolean => d.watch.streams.length > 0 && d.watch.streams.every((s) => s.destroyed);
      await d.frameUntil(
        closed,
        `every log stream closed (${d.watch.streams.filter((s) => s.destroyed).length}/${d.watch.streams.length})`,
        WAIT_MS,
      );
      // The tail itself is closed too (its snapshot says done), not only its streams.
      await d.frameUntil(() => tail.getSnapshot().done, 'the log tail closed', WAIT_MS);
    } finally {
      clearInterval(rssSampler);
    }
  });
});

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RolloutJournal } from '../../../src/actions/index.js';
import { journalCrashPoint, SigkillAfterJournalWrites } from '../../../src/app/journal-crash-hook.js';

const journal = (phase: string): RolloutJournal =>
  ({ id: 'r', role: 'web', replicas: [{ phase }] }) as unknown as RolloutJournal;

describe('the fault suite hook: SIGKILL after the Nth journal write', () => {
  it('dies right after the Nth write is on disk, not before, not again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-hook-'));
    const deaths: string[] = [];
    const store = new SigkillAfterJournalWrites(dir, 2, () =>
      deaths.push(readFileSync(join(dir, 'web.json'), 'utf8').includes('"creating"') ? 'after 2' : 'wrong'),
    );
    await store.write(journal('renaming'));
    expect(deaths).toEqual([]);
    await store.write(journal('creating'));
    expect(deaths).toEqual(['after 2']);
    await store.write(journal('starting'));
    expect(deaths).toEqual(['after 2']);
    expect(existsSync(join(dir, 'web.json'))).toBe(true);
  });

  it('is off unless the variable holds a positive integer', () => {
    expect(journalCrashPoint({})).toBeUndefined();
    expect(journalCrashPoint({ FLEETDECK_TEST_SIGKILL_AFTER_JOURNAL_WRITE: 'x' })).toBeUndefined();
    expect(journalCrashPoint({ FLEETDECK_TEST_SIGKILL_AFTER_JOURNAL_WRITE: '0' })).toBeUndefined();
    expect(journalCrashPoint({ FLEETDECK_TEST_SIGKILL_AFTER_JOURNAL_WRITE: '7' })).toBe(7);
  });
});

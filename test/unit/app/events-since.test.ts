import { describe, expect, it } from 'vitest';
import { eventsHistoryMs } from '../../../src/app/events-since.js';

describe('eventsHistoryMs', () => {
  it('--events-since wins over the fleet file, which wins over the default', () => {
    expect(eventsHistoryMs('1h', { eventsSinceMs: 5 * 60_000 })).toBe(3_600_000);
    expect(eventsHistoryMs('0', { eventsSinceMs: 5 * 60_000 })).toBe(0);
    expect(eventsHistoryMs(undefined, { eventsSinceMs: 5 * 60_000 })).toBe(300_000);
    expect(eventsHistoryMs(undefined, {})).toBeUndefined();
  });

  it('refuses a flag that is no span, saying what it takes', () => {
    expect(() => eventsHistoryMs('soon', {})).toThrow(
      '--events-since takes a span like 15m, 1h30m or 0 (got "soon")',
    );
  });
});

import { hostFieldMatches, type KnownHostEntry } from './known-hosts.js';

/**
 * The known_hosts entries that name a host, in file order, without testing every line for every
 * host: a fleet's hosts all check the same file, so 300 hosts against 300 lines was 90,000 pattern
 * tests at start. Lines whose patterns are plain names (no wildcard, no negation, not hashed) are
 * looked up by name; the others are still tested one by one, as OpenSSH does.
 */
interface Index {
  /** Lower-cased plain name → positions of the entries naming it. */
  byName: Map<string, number[]>;
  /** Positions of the entries that must be tested (hashed, wildcards, negations). */
  tested: number[];
}

const indexes = new WeakMap<readonly KnownHostEntry[], Index>();

function build(entries: readonly KnownHostEntry[]): Index {
  const byName = new Map<string, number[]>();
  const tested: number[] = [];
  entries.forEach((e, i) => {
    const patterns = e.hostField.split(',');
    if (e.hostField.startsWith('|') || patterns.some((p) => /[*?!]/.test(p))) {
      tested.push(i);
      return;
    }
    for (const p of new Set(patterns.map((x) => x.toLowerCase()))) {
      const at = byName.get(p);
      if (at) at.push(i);
      else byName.set(p, [i]);
    }
  });
  return { byName, tested };
}

/** The entries whose host field matches `name` (from knownHostsName), in file order. */
export function entriesNaming(entries: readonly KnownHostEntry[], name: string): KnownHostEntry[] {
  let index = indexes.get(entries);
  if (!index) indexes.set(entries, (index = build(entries)));
  const named = index.byName.get(name.toLowerCase()) ?? [];
  const matched = index.tested.filter((i) => hostFieldMatches(entries[i]!.hostField, name));
  const positions = matched.length === 0 ? named : [...named, ...matched].sort((a, b) => a - b);
  return positions.map((i) => entries[i]!);
}

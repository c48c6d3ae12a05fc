/** The part of a container key (`host/id`) entries are grouped by: everything before the last '/'. */
export function groupOf(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? '' : key.slice(0, slash);
}

/**
 * An immutable map from container keys to values, held as one small map per host. The store
 * publishes a new snapshot on every stats sample; a flat copy of the usage of a 5,000-container
 * fleet cost ~1 ms and ~140 KB of garbage per sample, while a new GroupedMap shares every host's
 * entries but the one that changed.
 */
export class GroupedMap<V> implements ReadonlyMap<string, V> {
  private flat: Map<string, V> | undefined;

  constructor(
    private readonly groups: ReadonlyMap<string, ReadonlyMap<string, V>>,
    readonly size: number,
  ) {}

  get(key: string): V | undefined {
    return this.groups.get(groupOf(key))?.get(key);
  }

  has(key: string): boolean {
    return this.groups.get(groupOf(key))?.has(key) ?? false;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const group of this.groups.values()) {
      for (const [key, value] of group) callback.call(thisArg, value, key, this);
    }
  }

  // Whole-map iteration is rare (tests, exports): one flat copy per snapshot, made when first asked.
  entries(): MapIterator<[string, V]> {
    return this.flatten().entries();
  }

  keys(): MapIterator<string> {
    return this.flatten().keys();
  }

  values(): MapIterator<V> {
    return this.flatten().values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.flatten().entries();
  }

  private flatten(): Map<string, V> {
    if (!this.flat) {
      this.flat = new Map();
      for (const group of this.groups.values()) for (const [key, value] of group) this.flat.set(key, value);
    }
    return this.flat;
  }
}

/**
 * The writable side of a GroupedMap: changes since the last `publish()` copy (once) only the
 * groups they touch, so a published map never changes and a publish costs nothing to build.
 */
export class GroupedMapBuilder<V> {
  private groups = new Map<string, Map<string, V>>();
  /** Groups (and whether the index of groups) copied since the last publish: safe to write. */
  private owned = new Set<string>();
  private ownsIndex = true;
  private size = 0;
  private published: GroupedMap<V> | undefined;

  get(key: string): V | undefined {
    return this.groups.get(groupOf(key))?.get(key);
  }

  set(key: string, value: V): void {
    const group = this.writable(groupOf(key));
    if (!group.has(key)) this.size++;
    group.set(key, value);
  }

  /** Drops the entries of `group` for which `keep` is false. */
  retainInGroup(group: string, keep: (key: string) => boolean): void {
    const current = this.groups.get(group);
    if (!current || [...current.keys()].every(keep)) return;
    const writable = this.writable(group);
    for (const key of [...writable.keys()]) {
      if (keep(key)) continue;
      writable.delete(key);
      this.size--;
    }
  }

  /** The current content as an immutable map; the same object while nothing changed. */
  publish(): GroupedMap<V> {
    if (!this.published || this.ownsIndex || this.owned.size > 0) {
      this.published = new GroupedMap<V>(this.groups, this.size);
      this.owned.clear();
      this.ownsIndex = false;
    }
    return this.published;
  }

  private writable(name: string): Map<string, V> {
    if (!this.ownsIndex) {
      this.groups = new Map(this.groups);
      this.ownsIndex = true;
    }
    let group = this.groups.get(name);
    if (!group || !this.owned.has(name)) {
      group = new Map(group);
      this.groups.set(name, group);
      this.owned.add(name);
    }
    return group;
  }
}

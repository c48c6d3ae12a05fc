/**
 * Fixed-capacity buffer addressed by sequence number: the n-th item ever pushed has seq n. When full,
 * a push evicts the oldest item and counts it, so views can hold a seq across evictions and tell the
 * user how much scrolled out of memory.
 */
export class RingBuffer<T> {
  private readonly items: Array<T | undefined>;
  private start = 0;
  private size = 0;
  private pushed = 0;
  private evictedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('ring buffer capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Seq of the oldest item still held (== endSeq when empty). */
  get startSeq(): number {
    return this.pushed - this.size;
  }

  /** Seq the next push will get. */
  get endSeq(): number {
    return this.pushed;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  push(item: T): void {
    if (this.size < this.capacity) {
      this.items[(this.start + this.size) % this.capacity] = item;
      this.size++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
      this.evictedCount++;
    }
    this.pushed++;
  }

  /** The item with this seq, or undefined when evicted or not yet pushed. */
  at(seq: number): T | undefined {
    if (seq < this.startSeq || seq >= this.pushed) return undefined;
    return this.items[(this.start + (seq - this.startSeq)) % this.capacity];
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let seq = this.startSeq; seq < this.pushed; seq++) {
      const item = this.at(seq);
      if (item !== undefined) out.push(item);
    }
    return out;
  }
}

/** What a swarm event asked to be read again: nodes, services, or the running tasks of all. */
export interface SwarmDirtyMark {
  node?: string;
  service?: string;
  relist?: boolean;
}

/**
 * The marks gathered while a burst of events settles, taken all at once by the flush that reads
 * them (a node event and its follow-ups become one read).
 */
export class SwarmDirty {
  private nodes = new Set<string>();
  private services = new Set<string>();
  private relist = false;

  add(what: SwarmDirtyMark): void {
    if (what.node) this.nodes.add(what.node);
    if (what.service) this.services.add(what.service);
    if (what.relist) this.relist = true;
  }

  /** Everything marked since the last take; the marks are cleared. */
  take(): { nodeIds: string[]; serviceIds: Set<string>; relist: boolean } {
    const taken = { nodeIds: [...this.nodes], serviceIds: new Set(this.services), relist: this.relist };
    this.nodes.clear();
    this.services.clear();
    this.relist = false;
    return taken;
  }
}

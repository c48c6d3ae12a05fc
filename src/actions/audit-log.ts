import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ActionKind, ActionResultKind } from './types.js';

/** One line of the audit log: who did what, where, with which result. */
export interface AuditEntry {
  /** ISO time the action started. */
  time: string;
  user: string;
  /** The machine fleetdeck ran on. */
  machine: string;
  /** Fleet hosts the action touched. */
  hosts: string[];
  target: string;
  action: ActionKind;
  params: Readonly<Record<string, unknown>>;
  result: ActionResultKind;
  message: string;
  durationMs: number;
}

export interface AuditSink {
  append(entry: AuditEntry): Promise<void>;
}

export function auditLogPath(dataDir: string): string {
  return join(dataDir, 'audit.jsonl');
}

/**
 * JSONL, one line per action. Each line is one appendFile call (O_APPEND): lines of concurrent
 * fleetdeck processes do not interleave for entries this small.
 */
export class AuditLog implements AuditSink {
  constructor(readonly path: string) {}

  async append(entry: AuditEntry): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify(entry) + '\n', { mode: 0o600 });
  }
}

/** Keeps entries in memory (tests, and the dashboard's recent-actions list). */
export class MemoryAudit implements AuditSink {
  readonly entries: AuditEntry[] = [];
  append(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }
}

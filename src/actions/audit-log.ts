import { close, fsync, open, write } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ActionKind, ActionResultKind } from './types.js';

interface AuditBase {
  /** Joins an action's start line to its end line. */
  run: string;
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
}

/** Written before anything is sent: a run that was killed leaves this line and no end line. */
export interface AuditStart extends AuditBase {
  phase: 'start';
}

/** Written when the action is over, whatever the result (refusals have only this line). */
export interface AuditEnd extends AuditBase {
  phase: 'end';
  result: ActionResultKind;
  /** The outcome's summary: never env values, log lines, command or health-check output. */
  message: string;
  durationMs: number;
}

/** One line of the audit log: who did what, where, with which result. */
export type AuditEntry = AuditStart | AuditEnd;

export interface AuditSink {
  append(entry: AuditEntry): Promise<void>;
}

export function auditLogPath(dataDir: string): string {
  return join(dataDir, 'audit.jsonl');
}

const openP = promisify(open);
const writeP = promisify(write);
const fsyncP = promisify(fsync);
const closeP = promisify(close);

/** Makes `path`'s directory entry durable (a new file, a rename) by fsyncing the directory. */
export async function fsyncDir(dir: string): Promise<void> {
  const fd = await openP(dir, 'r');
  try {
    await fsyncP(fd);
  } finally {
    await closeP(fd);
  }
}

/** Appends `text` with O_APPEND and flushes it to disk (file and directory) before resolving. */
export async function appendDurably(path: string, text: string, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const fd = await openP(path, 'a', mode);
  try {
    await writeP(fd, text);
    await fsyncP(fd);
  } finally {
    await closeP(fd);
  }
  await fsyncDir(dirname(path));
}

/**
 * JSONL, two lines per action that runs (start, end). Each line is one write with O_APPEND:
 * lines of concurrent fleetdeck processes do not interleave for entries this small.
 */
export class AuditLog implements AuditSink {
  constructor(readonly path: string) {}

  append(entry: AuditEntry): Promise<void> {
    return appendDurably(this.path, JSON.stringify(entry) + '\n');
  }
}

/** Keeps entries in memory (tests, and the dashboard's recent-actions list). */
export class MemoryAudit implements AuditSink {
  /** Every line, start and end. */
  readonly lines: AuditEntry[] = [];
  /** The end lines: one per action, with its result. */
  readonly entries: AuditEnd[] = [];
  append(entry: AuditEntry): Promise<void> {
    this.lines.push(entry);
    if (entry.phase === 'end') this.entries.push(entry);
    return Promise.resolve();
  }
}

const SUMMARY_MAX = 400;

/**
 * What of an outcome's message goes into the audit log: its first line, which by convention says
 * what happened and where. Log lines, health-check and command output follow on later lines.
 */
export function auditSummary(message: string): string {
  const first = message.split('\n', 1)[0] ?? '';
  return first.length > SUMMARY_MAX ? `${first.slice(0, SUMMARY_MAX - 1)}…` : first;
}

const NEVER_AUDITED = /^(env|environment|logs?|health(output)?|output)$/i;

/** Plan params as audited: keys that may hold env values or output are dropped. */
export function auditParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => !NEVER_AUDITED.test(k)));
}

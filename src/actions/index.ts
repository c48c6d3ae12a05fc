export { ActionExecutor, isConfirmed, type ExecutorOptions, type RunOptions } from './executor.js';
export { ActionService, type PlanParams, type Planned } from './service.js';
export type { SnapshotListing } from './snapshot-listing.js';
export type { UnreachableHost } from './target-resolver.js';
export {
  AuditLog,
  MemoryAudit,
  auditLogPath,
  type AuditEnd,
  type AuditEntry,
  type AuditSink,
  type AuditStart,
} from './audit-log.js';
export { JournalStore, type RolloutJournal } from './journal.js';
export { PlanError } from './planners/signal-plan.js';
export type * from './types.js';

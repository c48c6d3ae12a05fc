export { ActionExecutor, isConfirmed, type ExecutorOptions, type RunOptions } from './executor.js';
export { ActionService, type PlanParams, type Planned, type SnapshotListing } from './service.js';
export type { UnreachableHost } from './target-resolver.js';
export { AuditLog, MemoryAudit, auditLogPath, type AuditEntry, type AuditSink } from './audit-log.js';
export { JournalStore, type RolloutJournal } from './journal.js';
export { PlanError } from './planners/signal-plan.js';
export type * from './types.js';

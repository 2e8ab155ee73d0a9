export { openStore, StoreUnavailableError, type OpenStoreOptions, type Store } from './open.js';
export { storeOptionsFromEnv, auditRetentionDaysFromEnv } from './env.js';
export {
  parseStoreUrl,
  describeLocation,
  StoreConfigError,
  type StoreLocation,
} from './location.js';
export { LATEST_MIGRATION } from './migrations/index.js';
export type { Dialect } from './dialect.js';
export type { StoreSchema } from './schema.js';
export { writeTransaction } from './transaction.js';
export { AuditTrail, type AppendOptions } from './audit/audit-trail.js';
export { AuditRejectedError, maskSecrets, MASK } from './audit/guard.js';
export type { AuditFilter, AuditPageRequest, AuditPageResult } from './audit/query.js';
export { oldestStarterMs, startersInWindows, type JobStarter } from './audit/query.js';
export type { PruneResult } from './audit/prune.js';
export { auditCsv, AUDIT_CSV_COLUMNS } from './audit/csv.js';
export { GENESIS_HASH } from './audit/chain.js';
export { SecretBox, SecretBoxError, keyId } from './sealing/secret-box.js';
export {
  loadSecretBox,
  parseSecretKey,
  SecretKeyError,
  type LoadedSecretBox,
  type SecretBoxOptions,
} from './sealing/secret-key.js';
export { isUniqueViolation, DuplicateNameError } from './unique.js';
export { PolicyRepository } from './policies/policy-repo.js';
export { PolicyRunStore } from './policies/run-repo.js';
export type {
  PolicyRecord,
  PolicyRunRepository,
  RunOutcomeKind,
  RunRecord,
  TenantOutcome,
} from './policies/types.js';
export { IncidentStore, type StoredIncident } from './alerts/incident-repo.js';
export {
  SqlOutbox,
  type DeliveryLogRow,
  type OutboxEntry,
  type OutboxRepository,
} from './alerts/outbox-repo.js';
export {
  AlertConfigStore,
  type ChannelPublicView,
  type ChannelSecretView,
  type NewChannel,
  type RuleRecord,
} from './alerts/config-repo.js';

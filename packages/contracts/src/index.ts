export * from './common.js';
export * from './errors.js';
export * from './session.js';
export * from './backups.js';
export * from './tenants.js';
export * from './history.js';
export * from './events.js';
export * from './ob-errors.js';

/** Route paths of the BFF, shared so that neither side retypes them. */
export const API = {
  session: '/api/session',
  sessionStatus: '/api/session/status',
  health: '/api/health',
  tenants: '/api/tenants',
  backups: '/api/backups',
  backupsPreview: '/api/backups/preview',
  backupsCancel: '/api/backups/cancel',
  backupsActive: '/api/backups/active',
  events: '/api/events',
  history: '/api/backups/history',
  historyCsv: '/api/backups/history.csv',
} as const;

/** Header that makes POST /api/backups safe to repeat. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

// No zod here: the web's first download uses these names, and a module of zod schemas would
// bring zod with it (a schema is a call the bundler has to keep).

/** Names of the Server-Sent Events on GET /api/events. */
export const SSE_EVENTS = {
  active: 'active',
  heartbeat: 'heartbeat',
  /** The poller could not reach the database; data shown is the last known. */
  unavailable: 'unavailable',
} as const;

// The connection options of the BFF's pools (apps/bff/src/lib/db-account.ts), for the bench's own
// mysql2 connections that stand beside it: the direct replay and the bare server.
export const BFF_CONNECTION_OPTIONS = {
  supportBigNumbers: true,
  bigNumberStrings: true,
  dateStrings: true,
  multipleStatements: false,
  enableKeepAlive: true,
  maxPreparedStatements: 8,
  trace: false,
};

/** What the BFF runs on every new connection. */
export const BFF_SESSION_SETUP = "SET time_zone = '+00:00'";

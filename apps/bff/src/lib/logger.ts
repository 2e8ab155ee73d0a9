import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Request bodies are never logged; these paths are censored in case an object
 * carrying one reaches a log call anyway.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'obconsole-bff' },
      redact: {
        paths: [
          'password',
          'encryptionPassword',
          '*.password',
          '*.encryptionPassword',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'req.body',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

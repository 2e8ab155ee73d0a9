import type { SecretBox } from '@obconsole/store';
import type { Logger } from '../lib/logger.js';
import type { RedisSettings } from './redis-settings.js';
import { connectSharedState, type SharedState } from './seams.js';

/** server.ts's start-up step: Redis unreachable at start stops the console (exit 2), saying where. */
export async function connectShared(
  settings: RedisSettings,
  box: SecretBox,
  log: Logger,
): Promise<SharedState> {
  try {
    const shared = await connectSharedState(settings, box, log);
    log.info({ redis: settings.url.replace(/\/\/[^@/]*@/, '//') }, 'shared state in Redis');
    return shared;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.error(
      `REDIS_URL: cannot reach ${settings.url.replace(/\/\/[^@/]*@/, '//')} (${why}); check the address, REDIS_PASSWORD_FILE and TLS settings`,
    );
    process.exit(2);
  }
}

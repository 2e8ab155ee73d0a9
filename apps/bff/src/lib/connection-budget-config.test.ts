import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('the connection budget settings', () => {
  it('default to 8 per account, 64 per cluster and 60 s idle, and read the environment', () => {
    expect(loadConfig({})).toMatchObject({
      connectionBudget: { perAccount: 8, perCluster: 64 },
      connectionIdleMs: 60_000,
    });
    expect(
      loadConfig({
        OB_MAX_CONNECTIONS_PER_ACCOUNT: '4',
        OB_MAX_CONNECTIONS_PER_CLUSTER: '10',
        OB_CONNECTION_IDLE_SECONDS: '5',
      }),
    ).toMatchObject({
      connectionBudget: { perAccount: 4, perCluster: 10 },
      connectionIdleMs: 5000,
    });
  });

  it('a bad value is refused, naming the setting and what it must be', () => {
    expect(configError({ OB_MAX_CONNECTIONS_PER_ACCOUNT: 'many' })).toMatch(
      /OB_MAX_CONNECTIONS_PER_ACCOUNT: OB_MAX_CONNECTIONS_PER_ACCOUNT must be a whole number from 2 to 1000/,
    );
    expect(configError({ OB_MAX_CONNECTIONS_PER_ACCOUNT: '1' })).toMatch(/at least 2/);
    expect(configError({ OB_MAX_CONNECTIONS_PER_CLUSTER: '2.5' })).toMatch(
      /OB_MAX_CONNECTIONS_PER_CLUSTER: .*whole number/,
    );
    expect(configError({ OB_CONNECTION_IDLE_SECONDS: '0' })).toMatch(
      /OB_CONNECTION_IDLE_SECONDS: .*at least 1/,
    );
    expect(
      configError({ OB_MAX_CONNECTIONS_PER_ACCOUNT: '20', OB_MAX_CONNECTIONS_PER_CLUSTER: '10' }),
    ).toMatch(
      /OB_MAX_CONNECTIONS_PER_ACCOUNT: 20 is more than OB_MAX_CONNECTIONS_PER_CLUSTER \(10\)/,
    );
  });
});

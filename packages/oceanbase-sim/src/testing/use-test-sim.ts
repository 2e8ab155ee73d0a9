import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator, SimulatorOptions } from '../simulator.js';
import { connect, startTestSim } from './harness.js';

export interface TestSim {
  /** The file's simulator (started before its first test). */
  readonly sim: Simulator;
  /** A connection as `user@tenant`, closed after the test. */
  as: (user: string, database?: string) => Promise<Connection>;
}

/**
 * One simulator for a test file: started before its tests, reset before each, every connection
 * a test opened closed after it, and stopped at the end.
 */
export function useTestSim(
  defaults: { database?: string; options?: SimulatorOptions } = {},
): TestSim {
  let sim: Simulator | undefined;
  const open: Connection[] = [];
  const current = (): Simulator => {
    if (!sim) throw new Error('the test simulator is not started yet');
    return sim;
  };
  beforeAll(async () => {
    sim = await startTestSim(defaults.options);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    await current().control.reset();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.end().catch(() => undefined)));
  });
  return {
    get sim() {
      return current();
    },
    as: async (user, database = defaults.database) => {
      const c = await connect(current(), user, 'oceanbase', database);
      open.push(c);
      return c;
    },
  };
}

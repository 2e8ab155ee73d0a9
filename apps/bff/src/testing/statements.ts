import type { Harness } from './harness.js';

/** The statements one account sent while `fn` ran, from the simulator's statement log. */
export async function statementsOf(
  h: Harness,
  account: string,
  fn: () => Promise<unknown>,
): Promise<string[]> {
  const before = h.sim.control.stats().statements.total;
  await fn();
  const sent = h.sim.control.stats().statements.total - before;
  return h.sim.control
    .statements(sent)
    .filter((s) => s.account === account)
    .map((s) => s.text);
}

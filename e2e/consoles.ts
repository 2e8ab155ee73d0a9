/**
 * The consoles the journeys run against, and their ports: shared by playwright.config.ts (which
 * starts them) and the fixtures (which point each journey at one). Every console is the built
 * BFF serving the built SPA, with its two embedded simulated clusters on a fast clock.
 *
 * Each worker has a console of its own (`worker-<n>`), so journeys that reset or stop clusters
 * never meet; a journey that needs a console configured differently names one of SPECIAL below
 * with `test.use({ consoleName: '...' })` and must then be the only journey using it.
 */
export const PORT = Number(process.env.E2E_PORT ?? 8181);
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 28810);
export const SIM_CONTROL_PORT = Number(process.env.E2E_SIM_CONTROL_PORT ?? 28860);

/**
 * Journeys at once: two. The screens journeys are CPU-bound (axe, full-page screenshots,
 * antd's first renders): four at once on two cores took 1.5-3.4 min for each screens journey
 * and 12.7 min for the run, against 8.5-10 min with two. E2E_WORKERS overrides.
 */
export const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

/** Consoles with settings of their own, each for the one journey that needs them. */
export const SPECIAL: Record<string, Record<string, string>> = {
  // session-keepalive.spec.ts outlasts a 12 s idle timeout.
  'short-idle': { SESSION_IDLE_SECONDS_TEST: '12' },
};

export interface ConsolePorts {
  name: string;
  port: number;
  /** obcluster-hz's MySQL port; obcluster-sh's is two up (the BFF's embedded default). */
  simPort: number;
  controlPort: number;
  env: Record<string, string>;
}

/**
 * Console i takes PORT+i and, for its clusters, SIM_PORT/SIM_CONTROL_PORT + base and base+2,
 * with base = 4*floor(i/2) + i%2: 0 and 2, 1 and 3, 4 and 6, 5 and 7, ... (no two collide).
 */
function consoleAt(i: number, name: string, env: Record<string, string> = {}): ConsolePorts {
  const base = 4 * Math.floor(i / 2) + (i % 2);
  return {
    name,
    port: PORT + i,
    simPort: SIM_PORT + base,
    controlPort: SIM_CONTROL_PORT + base,
    env,
  };
}

export const CONSOLES: ConsolePorts[] = [
  ...Array.from({ length: WORKERS }, (_, i) => consoleAt(i, `worker-${i}`)),
  ...Object.entries(SPECIAL).map(([name, env], k) => consoleAt(WORKERS + k, name, env)),
];

export function consoleNamed(name: string): ConsolePorts {
  const c = CONSOLES.find((x) => x.name === name);
  if (!c)
    throw new Error(
      `no e2e console named ${name}: use worker-<n> or one of ${Object.keys(SPECIAL).join(', ')}`,
    );
  return c;
}

const ports = CONSOLES.flatMap((c) => [
  c.port,
  c.simPort,
  c.simPort + 2,
  c.controlPort,
  c.controlPort + 2,
]);
if (new Set(ports).size !== ports.length)
  throw new Error(`e2e ports collide: ${ports.join(', ')}; choose E2E_* ports further apart`);

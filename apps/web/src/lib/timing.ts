/**
 * The page's own timing of the sign-in (User Timing marks, read by bench/frontend.mjs): from the
 * click on "Log in" to the first frame that shows the tenants table with its rows. Marks cost
 * nothing when nobody reads them, so they stay on in production.
 */
export const TIMING = {
  submitted: 'obconsole:login-submitted',
  tenantsShown: 'obconsole:tenants-shown',
  /** The measure between the two. */
  loginToTenants: 'obconsole:login-to-tenants',
} as const;

const perf = (): Performance | undefined =>
  typeof performance !== 'undefined' && typeof performance.mark === 'function'
    ? performance
    : undefined;

/** The user asked to sign in: the clock starts (again, after a failed attempt). */
export function markLoginSubmitted(): void {
  const p = perf();
  if (!p) return;
  p.clearMarks(TIMING.submitted);
  p.clearMarks(TIMING.tenantsShown);
  p.clearMeasures(TIMING.loginToTenants);
  p.mark(TIMING.submitted);
}

/**
 * The tenants table has rendered its rows: marked once per sign-in, when the frame that paints
 * them has been produced (a task queued from requestAnimationFrame runs after that frame).
 */
export function markTenantsShown(): void {
  const p = perf();
  if (!p || p.getEntriesByName(TIMING.submitted, 'mark').length === 0) return;
  if (p.getEntriesByName(TIMING.tenantsShown, 'mark').length > 0) return;
  const done = () => {
    if (p.getEntriesByName(TIMING.tenantsShown, 'mark').length > 0) return;
    p.mark(TIMING.tenantsShown);
    p.measure(TIMING.loginToTenants, TIMING.submitted, TIMING.tenantsShown);
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(done, 0));
  else done();
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { markLoginSubmitted, markTenantsShown, TIMING } from './timing';

const measures = () => performance.getEntriesByName(TIMING.loginToTenants, 'measure');

describe('sign-in timing marks', () => {
  afterEach(() => {
    performance.clearMarks();
    performance.clearMeasures();
  });

  it('measures from the submit to the frame after the tenants rendered, once per sign-in', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    markLoginSubmitted();
    markTenantsShown();
    markTenantsShown();
    expect(measures()).toHaveLength(0); // not before the frame
    frames.splice(0).forEach((cb) => cb(performance.now()));
    await vi.waitFor(() => expect(measures()).toHaveLength(1));
    markTenantsShown(); // a re-render of the same sign-in
    frames.splice(0).forEach((cb) => cb(performance.now()));
    await new Promise((r) => setTimeout(r, 0));
    expect(measures()).toHaveLength(1);
    expect(measures()[0]!.duration).toBeGreaterThanOrEqual(0);
  });

  it('marks nothing when the tenants render without a sign-in (a reload, a later visit)', async () => {
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => cb(0));
    markTenantsShown();
    await new Promise((r) => setTimeout(r, 0));
    expect(performance.getEntriesByName(TIMING.tenantsShown, 'mark')).toHaveLength(0);
  });

  it('starts again on a new attempt', async () => {
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => cb(0));
    markLoginSubmitted();
    markTenantsShown();
    await vi.waitFor(() => expect(measures()).toHaveLength(1));
    markLoginSubmitted();
    expect(measures()).toHaveLength(0);
  });
});

import { createElement, lazy, useState, type ComponentType } from 'react';

/**
 * React.lazy, plus a preload: once the module is in, the component renders at once instead of
 * suspending first. React.lazy suspends on its first render even when the import has long
 * resolved (it only asks for it then), and React 19 holds a revealed Suspense boundary back
 * for up to 300 ms to batch reveals: on the sign-in the four nested lazy routes (antd's
 * providers, the layout, the cluster layout, the tenants page) cost the click that much after
 * their chunks were already fetched (bench/frontend, docs/decisions/020-login-without-antd.md).
 */
export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): { Component: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (m) => (loaded = m.default),
      (e: unknown) => {
        pending = undefined; // a failed fetch (offline, a new release) is tried again later
        throw e;
      },
    ));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  function Preloadable(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the module later would remount.
    const [type] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(type, props);
  }
  return { Component: Preloadable, preload };
}

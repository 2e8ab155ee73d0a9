/** The only place that reads import.meta.env. The BFF is always same-origin, so no API host here. */
export const env = {
  dev: import.meta.env.DEV,
  /** Base path the SPA is served under (vite `base`). */
  basePath: import.meta.env.BASE_URL,
  /** Where UI preferences are remembered. */
  storagePrefix: 'obconsole',
  /** The ETA is only meaningful once this share of the work (percent) is done. */
  etaMinPercent: 5,
  /** After the event stream closes for good, try again after this many milliseconds. */
  streamRetryMs: 3_000,
  historyPageSize: 50,
} as const;

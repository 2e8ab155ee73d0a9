import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vendor groups get their own chunks so that a new release of the console does not
// invalidate the browser's cache of React and antd. Only the framework core is grouped:
// antd's components stay with the lazy route that uses them, so /login does not pay
// for the history table or the date pickers.
//
// /login is drawn without antd (docs/decisions/020-login-without-antd.md) and loads only what
// every screen needs, in few files: React; the router, TanStack Query, i18next, zustand and
// dayjs together; and the app's shell with the login page (the groups below). Left to itself
// the bundler splits every module shared with a lazy route into a chunk of its own, a dozen
// files of a few KiB, each a request and each under the BFF's 8 KiB compression threshold.
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
  {
    name: 'vendor-shell',
    test: /node_modules[\\/](react-router|cookie|set-cookie-parser|@tanstack|i18next|react-i18next|html-parse-stringify|void-elements|zustand|use-sync-external-store|dayjs[\\/]dayjs\.min)/,
    priority: 30,
  },
  {
    name: 'vendor-antd-core',
    test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|react-slick)|@emotion|stylis|@babel[\\/]runtime|classnames|clsx|antd[\\/]es[\\/](config-provider|theme|_util|style|locale|version)[\\/])/,
    priority: 20,
  },
  {
    // The entry's own modules and the login page's, which lazy routes share: one chunk.
    name: 'app-shell',
    test: /apps[\\/]web[\\/]src[\\/](main|app[\\/](router|providers|query-client)|components[\\/](error-text|page-loading)|config[\\/]|stores[\\/](preferences|database|stream)|i18n[\\/](index|en[.\w]*|ocp-en|shape)\.ts|lib[\\/](http|server-text|cluster-keys|last-account|live-backups|notify|theme-tokens|timing|format)\.ts|features[\\/](session[\\/](api|routes[\\/]login-route|components[\\/](login-|demo-logins)|login\.css)|tenants[\\/]api))/,
    priority: 10,
  },
];

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      // The BFF: same origin in production, proxied in development. SSE needs no buffering.
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Rolldown's successor of rollup's manualChunks (which it only keeps as a deprecated alias).
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});

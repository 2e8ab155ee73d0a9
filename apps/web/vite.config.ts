import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vendor groups get their own chunks so that a new release of the console does not
// invalidate the browser's cache of React and antd. Only the framework core is grouped:
// antd's components stay with the lazy route that uses them, so /login does not pay
// for the history table or the date pickers.
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
  {
    name: 'vendor-router',
    test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/,
    priority: 30,
  },
  { name: 'vendor-query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 30 },
  {
    name: 'vendor-i18n',
    test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
    priority: 30,
  },
  {
    name: 'vendor-antd-core',
    test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|react-slick)|@emotion|stylis|@babel[\\/]runtime|classnames|clsx|antd[\\/]es[\\/](config-provider|theme|_util|style|locale|version)[\\/])/,
    priority: 20,
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

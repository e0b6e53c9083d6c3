import { defineConfig } from 'vite';

// Built to static files that the api serves under `/`; no third-party assets at run time.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 400 },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});

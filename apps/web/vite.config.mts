import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// The dev server proxies to the API here; point it elsewhere with API_ORIGIN=http://localhost:3160.
const API_ORIGIN = process.env.API_ORIGIN ?? 'http://localhost:3000';
const WORKSPACE_ROOT = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue()],
  resolve: {
    alias: { '@chat/contract': resolve(WORKSPACE_ROOT, 'libs/contract/src/index.ts') },
  },
  build: {
    outDir: resolve(WORKSPACE_ROOT, 'dist/apps/web'),
    emptyOutDir: true,
  },
  server: {
    port: 3150,
    strictPort: true,
    proxy: {
      '/api': { target: API_ORIGIN, changeOrigin: true },
      '/socket.io': { target: API_ORIGIN, changeOrigin: true, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});

import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8081}`;

export default defineConfig({
  root: 'client',
  // Every asset also written brotli- and gzip-compressed once at build, for the server to send as is.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // MapLibre and deck.gl are large by nature; they load in their own chunk (the map view is lazy).
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { '/api': apiTarget, '/tiles': apiTarget },
  },
  test: {
    root: projectRoot,
    include: ['tests/**/*.test.ts'],
    // Browser tests drive a real Chromium on SwiftShader; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

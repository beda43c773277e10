import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/client', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8081}`;

/**
 * The files the phone app's page loads before anything else: its HTML and every script and style
 * it names (Vite lists the entry's whole static import graph there as modulepreloads). The
 * service worker keeps exactly these, so the phone holds the field app and not the command room's
 * map layers and charts.
 */
function fieldAppFiles(): Set<string> {
  const html = readFileSync(`${outDir}/m/index.html`, 'utf8');
  return new Set(['m/index.html', ...[...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]!)]);
}

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // The phone app at /m is installable and opens without a signal: a service worker of its own, scoped to /m/.
    VitePWA({
      strategies: 'generateSW',
      injectRegister: false,
      manifest: false,
      filename: 'field-sw.js',
      scope: '/m/',
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        manifestTransforms: [async (entries) => {
          const kept = fieldAppFiles();
          return { manifest: entries.filter((entry) => kept.has(entry.url)), warnings: [] };
        }],
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m\//],
        // A map opened in the field app loads MapLibre on demand; kept once loaded (its name carries its hash).
        runtimeCaching: [{ urlPattern: ({ url }) => url.pathname.startsWith('/assets/'), handler: 'CacheFirst', options: { cacheName: 'field-assets', expiration: { maxEntries: 60 } } }],
      },
    }),
    // Every asset also written brotli- and gzip-compressed once at build, for the server to send as is.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    // Two pages: the command room's dashboard, and the phone app at /m in its own light bundle.
    rollupOptions: { input: { main: fileURLToPath(new URL('./client/index.html', import.meta.url)), field: fileURLToPath(new URL('./client/m/index.html', import.meta.url)) } },
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

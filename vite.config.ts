import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChunkingContext } from 'rolldown';

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

/** The languages fetched when chosen go in files named for it, so that the phone keeps them to switch to without a signal. */
const LOCALE_CHUNK = /^assets\/locale-/;

const PAGES = { main: fileURLToPath(new URL('./client/index.html', import.meta.url)), field: fileURLToPath(new URL('./client/m/index.html', import.meta.url)) };

/** Every module a page loads before it runs: its entry's static imports, all the way down. */
function staticallyLoaded(entry: string, context: ChunkingContext): Set<string> {
  const loaded = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (loaded.has(id)) continue;
    loaded.add(id);
    pending.push(...(context.getModuleInfo(id)?.importedIds ?? []));
  }
  return loaded;
}

let bothPagesLoad: Set<string> | undefined;
/**
 * What both pages load before they run (React, react-query, i18next, the API client, signing in)
 * goes in one chunk: a phone on plain HTTP fetches six files at a time, and each further wave
 * costs a round trip, over half a second on a slow connection.
 */
function sharedByBothPages(id: string, context: ChunkingContext): string | null {
  if (bothPagesLoad === undefined) {
    const field = staticallyLoaded(PAGES.field, context);
    bothPagesLoad = new Set([...staticallyLoaded(PAGES.main, context)].filter((each) => field.has(each) && !Object.values(PAGES).includes(each)));
  }
  return bothPagesLoad.has(id) ? 'shared' : null;
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
          return { manifest: entries.filter((entry) => kept.has(entry.url) || LOCALE_CHUNK.test(entry.url)), warnings: [] };
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
    rollupOptions: {
      input: PAGES,
      output: {
        chunkFileNames: (chunk) => (/\/locales\/[^/]+\.json$/.test(chunk.facadeModuleId ?? '') ? 'assets/locale-[name]-[hash].js' : 'assets/[name]-[hash].js'),
        codeSplitting: { groups: [{ name: sharedByBothPages }] },
      },
    },
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

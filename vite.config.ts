import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // MapLibre and deck.gl are large by nature; they load in their own chunk (see client/pages).
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${process.env.API_PORT ?? 8081}`,
      '/basemap': `http://127.0.0.1:${process.env.API_PORT ?? 8081}`,
    },
  },
});

import { spawn } from 'node:child_process';
import { createServer } from 'vite';

/**
 * `npm run dev`: the API server on API_PORT (default 8081) and Vite's dev server on PORT
 * (default 8080), which proxies /api and /tiles to it.
 */
const apiPort = process.env.API_PORT ?? '8081';
const api = spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/server.ts'], {
  env: { ...process.env, PORT: apiPort, HOST: '127.0.0.1' },
  stdio: 'inherit',
});
const vite = await createServer({ configFile: 'vite.config.ts', server: { port: Number(process.env.PORT ?? 8080), host: true } });
await vite.listen();
vite.printUrls();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    api.kill(signal);
    void vite.close().then(() => process.exit(0));
  });
}

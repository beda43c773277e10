import { spawn, type ChildProcess } from 'node:child_process';
import { percentile } from './report.ts';

/** CivGrid servers as the benchmarks run them: each a process of its own on a port, as in production. */

export interface Server { label: string; origin: string; process: ChildProcess }

let nextPort = 18_300;
export async function startServer(label: string, directory: string, environment: Record<string, string>): Promise<Server> {
  const port = (nextPort += 1);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: directory,
    env: {
      ...process.env, ...environment, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CIVGRID_BACKUP_TIME: 'off',
      CIVGRID_RATE_LIMIT_READS: '1000000', CIVGRID_RATE_LIMIT_WRITES: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 600; tries += 1) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { label, origin, process: child };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${label} did not start`);
}

/** One request's time, its whole body read. */
export async function timed(origin: string, url: string, init?: RequestInit): Promise<number> {
  const started = performance.now();
  const response = await fetch(origin + url, init);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

export const p95 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 0.95);

import { spawn, type ChildProcess } from 'node:child_process';
import { percentile } from './report.ts';
import { signInOver, type SessionHeaders } from './session.ts';

/** CivGrid servers as the benchmarks run them: each a process of its own on a port, as in production. */

export interface Server { label: string; origin: string; process: ChildProcess; headers: SessionHeaders }

let nextPort = 18_300;
export async function startServer(label: string, directory: string, environment: Record<string, string>): Promise<Server> {
  const port = (nextPort += 1);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: directory,
    env: {
      ...process.env, ...environment, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CIVGRID_BACKUP_TIME: 'off',
      CIVGRID_RATE_LIMIT_READS: '1000000', CIVGRID_RATE_LIMIT_WRITES: '1000000', CIVGRID_RATE_LIMIT_SIGN_INS: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 600; tries += 1) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { label, origin, process: child, headers: await signInOver(origin) };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${label} did not start`);
}

/** One request's time, its whole body read, made as the server's signed-in commander. */
export async function timed(server: Server, url: string, init: RequestInit = {}): Promise<number> {
  const started = performance.now();
  const response = await fetch(server.origin + url, { ...init, headers: { ...server.headers, ...init.headers } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

export const p95 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 0.95);

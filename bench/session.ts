import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEMO_PASSWORD } from '../server/seed/demo-accounts.ts';

/**
 * The benchmarks act as the demo district's accounts (seeded with every demo or benchmark
 * database since accounts exist), signed in as a browser would be: every figure includes the
 * session check every request now pays.
 */

export type SessionHeaders = { cookie: string; 'x-csrf-token': string };

function headersOf(status: number, setCookie: string | undefined, body: string, username: string): SessionHeaders {
  if (status !== 200 || !setCookie) {
    throw new Error(`signing in as ${username} failed (${status}): ${body.slice(0, 200)}; a database seeded before accounts existed has none (npm run account -- add …)`);
  }
  return { cookie: setCookie.split(';')[0]!, 'x-csrf-token': (JSON.parse(body) as { csrfToken: string }).csrfToken };
}

/** Signs in over HTTP. */
export async function signInOver(origin: string, username = 'commander'): Promise<SessionHeaders> {
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return headersOf(response.status, response.headers.getSetCookie()[0], await response.text(), username);
}

/** Signs in through `inject`. */
export async function signInInjected(server: FastifyInstance, username = 'commander'): Promise<SessionHeaders> {
  const response = await server.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
  return headersOf(response.statusCode, [response.headers['set-cookie']].flat()[0], response.body, username);
}

/** `inject` with a session's headers on every request. */
export const injectAs = (server: FastifyInstance, headers: SessionHeaders) =>
  (options: InjectOptions) => server.inject({ ...options, headers: { ...headers, ...options.headers } });

import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { Database } from 'better-sqlite3';
import app, { fastifyOptions, type AppOptions } from '../../server/app.ts';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import type { Store } from '../../server/store/store.ts';
import { DEMO_DISTRICT, districtStoreOf, type District } from '../../server/store/districts.ts';
import { DEMO_PASSWORD, demoUsername } from '../../server/seed/demo-accounts.ts';
import type { Role } from '../../server/domain/roles.ts';
import { hashPassword } from '../../server/services/passwords.ts';
import { TEST_NOW } from './test-database.ts';

export type TestAppOptions = Omit<AppOptions, 'now' | 'districts'> & { now?: () => number } & ({ store: Store } | { database: Database } | { districts: AppOptions['districts'] }) & {
  /**
   * The demo account the app's requests are made as, signed in through POST /api/session as a
   * user would be; null for none (the tests of signing in and of who may do what). Default: the commander.
   */
  signedInAs?: Role | null;
};

/** The headers a signed-in browser sends: the session cookie, and the CSRF token its writes carry. */
export interface SignedIn {
  headers: { cookie: string; 'x-csrf-token': string };
}

export type TestApp = FastifyInstance & { signedIn: SignedIn | null };

/** Signs in as a demo account of a district; throws when that fails. */
export async function signIn(server: FastifyInstance, role: Role, district: District = DEMO_DISTRICT, password = DEMO_PASSWORD): Promise<SignedIn> {
  const response = await server.inject({ method: 'POST', url: '/api/session', payload: { username: demoUsername(district, role), password } });
  if (response.statusCode !== 200) throw new Error(`signing in as ${role} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((each) => each.name === 'civgrid_session')!;
  return { headers: { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken } };
}

/**
 * The real app on given districts, or one store (or an opened SQLite database), with the present
 * fixed, and no port. Its `inject` sends the signed-in account's cookie and CSRF token with every
 * request that does not bring a cookie of its own.
 */
export async function buildTestApp(options: TestAppOptions): Promise<TestApp> {
  const server = Fastify({ ...fastifyOptions, logger: false });
  const districts = 'districts' in options ? options.districts
    : [await districtStoreOf('store' in options ? options.store : createSqliteStore(options.database))];
  // Tests move the clock on by days between requests; a session lasts a year unless a test says otherwise.
  const security = { sessionIdleMinutes: 525_600, sessionHours: 8_760, ...options.security };
  await server.register(fastifyPlugin(app), { now: () => TEST_NOW, ...options, districts, security });
  await server.ready();
  const role = options.signedInAs === undefined ? 'commander' : options.signedInAs;
  const signedIn = role === null ? null : await signIn(server, role, districts[0]!.district);
  if (signedIn) injectSignedIn(server, signedIn);
  return Object.assign(server, { signedIn }) as TestApp;
}

/** Makes `server.inject` send a signed-in account's cookie and CSRF token with every request that brings no credential of its own. */
export function injectSignedIn(server: FastifyInstance, signedIn: SignedIn): void {
  const inject = server.inject.bind(server) as (options: InjectOptions | string) => ReturnType<FastifyInstance['inject']>;
  server.inject = ((request: InjectOptions | string) => {
    const asked = typeof request === 'string' ? { url: request } : request;
    const headers = { ...asked.headers };
    const own = Object.keys(headers).some((name) => ['cookie', 'authorization'].includes(name.toLowerCase()));
    return inject({ ...asked, headers: own ? headers : { ...signedIn.headers, ...headers } });
  }) as FastifyInstance['inject'];
}

/** How the problem history names the demo commander, whom the test apps act as. */
export const COMMANDER = '孙浩（commander）';
/** And the demo administrator, who changes the scoring settings. */
export const ADMINISTRATOR = '赵磊（admin）';

/** Adds a demo-style account (the demo password, no forced change) to a store that has none, as the account command would. */
export async function addAccount(store: Store, role: Role): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await store.security.transaction(async ({ accounts }) => {
    const id = await accounts.create({ username: role, displayName: role, roles: [role], departmentId: null, gridIds: [], passwordHash, mustChangePassword: false }, TEST_NOW);
    await accounts.recordPassword(id, passwordHash, TEST_NOW);
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_PERMISSIONS, holdsPermission, ROLES, type Permission, type Role } from '../../server/domain/roles.ts';
import { demoScreenToken } from '../../server/seed/demo-accounts.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { buildTestApp, signIn, type TestApp } from '../support/test-app.ts';
import { createTestDistrict, type TestDistrict } from '../support/test-district.ts';

/**
 * Every route the app registers declares who may use it, and the server holds to it: each route
 * is asked by no one, by each role's demo account and by a screen device, and answers 401, 403, or
 * something else (the request itself may still be wrong or name nothing) exactly as its permission says.
 */

/** Path parameters filled with values that name nothing, so that no request in the walk changes anything. */
const PARAMETERS: Record<string, string> = { id: '999999', code: 'B01', username: 'nobody', theme: 'light', z: '0', x: '0', y: '0' };

const concrete = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => PARAMETERS[name] ?? 'x');

type Asker = Role | 'screen' | 'nobody';
const ASKERS: readonly Asker[] = ['nobody', ...ROLES, 'screen'];

function expectedFor(asker: Asker, permission: Permission): 'allowed' | 401 | 403 {
  if (permission === 'open') return 'allowed';
  if (asker === 'nobody') return 401;
  if (asker === 'screen') return DEVICE_PERMISSIONS.includes(permission) ? 'allowed' : 403;
  return holdsPermission([asker], permission) ? 'allowed' : 403;
}

let district: TestDistrict;
let app: TestApp;

beforeAll(async () => {
  district = await createTestDistrict('sqlite', 300);
  app = await buildTestApp({ store: district.openStore(), signedInAs: null, rateLimits: UNLIMITED, security: { signInsPerMinute: 1_000_000 } });
});
afterAll(async () => {
  await app.close();
  await district.remove();
});

describe('every route', () => {
  it('declares its permission, and only /api/health, signing in and the client\'s own files are open', () => {
    const routes = app.registeredRoutes.flatMap((route) => [route.method].flat().map((method) => ({ method, url: route.url, permission: route.config?.permission })));
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => route.permission === undefined)).toEqual([]);
    expect(routes.filter((route) => route.permission === 'open').map((route) => `${route.method} ${route.url}`).sort())
      .toEqual(['GET /api/health', 'GET /api/health/ready', 'GET /api/setup', 'HEAD /api/health', 'HEAD /api/health/ready', 'HEAD /api/setup', 'POST /api/session', 'POST /api/setup']);
  });

  it('answers each role, a screen device and no one as its permission says', async () => {
    const headersOf = new Map<Asker, Record<string, string>>([['nobody', {}], ['screen', { authorization: `Bearer ${demoScreenToken(DEMO_DISTRICT)}` }]]);
    for (const role of ROLES) headersOf.set(role, (await signIn(app, role)).headers);
    const mismatches: string[] = [];
    let asked = 0;
    const routes = app.registeredRoutes.flatMap((route) => [route.method].flat().map((method) => ({ method, url: route.url, permission: route.config!.permission! })));
    for (const { method, url, permission } of routes) {
      // The live feed streams for as long as it is read: its HEAD asks the same question and ends.
      if (method === 'GET' && url.endsWith('/events')) continue;
      for (const asker of ASKERS) {
        // Signing out ends the session: that request gets a session of its own.
        const headers = method === 'DELETE' && asker !== 'nobody' && asker !== 'screen' ? (await signIn(app, asker)).headers : headersOf.get(asker)!;
        const response = await app.inject({ method: method as 'GET', url: concrete(url), headers, ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}) });
        asked += 1;
        const expected = expectedFor(asker, permission);
        const fits = expected === 'allowed' ? ![401, 403].includes(response.statusCode) : response.statusCode === expected;
        if (!fits) mismatches.push(`${asker} ${method} ${url} (${permission}): ${response.statusCode} ${response.body.slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(asked).toBeGreaterThan(60 * ASKERS.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { centroid } from '@turf/turf';
import { openDatabase } from '../../server/database/open.ts';
import type { City, GridCollection, IssueList, PerformanceList } from '../../server/schemas/contract.ts';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import { districtStoreOf, type District } from '../../server/store/districts.ts';
import { buildTestApp, signIn, type SignedIn } from '../support/test-app.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';

/** One app serving a city's districts: each district's API reaches its own data only, and the city view sets them side by side. */
describe('a city of two districts', () => {
  const donghu: District = { code: 'donghu', name: '东湖区' };
  let qingchuanDatabase: TestDatabase;
  let donghuDatabase: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    qingchuanDatabase = createSeededDatabase(1200);
    donghuDatabase = createSeededDatabase(500, donghu);
    app = await buildTestApp({
      districts: await Promise.all([qingchuanDatabase, donghuDatabase].map((each) => districtStoreOf(createSqliteStore(openDatabase(each.path))))),
    });
  });
  afterAll(async () => {
    await app.close();
    qingchuanDatabase.remove();
    donghuDatabase.remove();
  });

  /** The test app is signed in to qingchuan; 东湖区's requests are made by its own commander. */
  let donghuCommander: SignedIn;
  beforeAll(async () => {
    donghuCommander = await signIn(app, 'commander', donghu);
  });
  const as = (code: string) => (code === 'donghu' ? donghuCommander.headers : {});
  const total = async (code: string) => ((await app.inject({ url: `/api/districts/${code}/issues?limit=1`, headers: as(code) })).json() as IssueList).total;

  it('lists the districts it serves, by code and name', async () => {
    expect((await app.inject('/api/districts')).json()).toEqual([{ code: 'qingchuan', name: '青川区' }, donghu]);
  });

  it('answers each district from its own data, and a write to one leaves the other as it was', async () => {
    expect(await total('qingchuan')).toBe(1200);
    expect(await total('donghu')).toBe(500);
    const grids = (await app.inject({ url: '/api/districts/donghu/grids', headers: as('donghu') })).json() as GridCollection;
    const [longitude, latitude] = centroid(grids.features.find((feature) => feature.properties.kind === 'block')!).geometry.coordinates as [number, number];
    const reported = await app.inject({
      method: 'POST', url: '/api/districts/donghu/issues', headers: as('donghu'),
      payload: { category: 'exposed_garbage', source: 'grid_patrol', description: '路边垃圾', address: '东湖路 1 号', longitude, latitude },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    expect(await total('donghu')).toBe(501);
    expect(await total('qingchuan')).toBe(1200);
    expect((await app.inject({ url: `/api/districts/donghu/issues/${reported.json().id}`, headers: as('donghu') })).statusCode).toBe(200);
    const inOther = await app.inject(`/api/districts/qingchuan/issues/${reported.json().id}`);
    expect(inOther.statusCode === 404 || inOther.json().description !== '路边垃圾').toBe(true);
    // An account reaches its own district only, whatever its role.
    const crossing = await app.inject('/api/districts/donghu/grids');
    expect(crossing.statusCode).toBe(403);
    expect(crossing.json().message).toMatch(/^this account belongs to 青川区 \(qingchuan\); it reaches no other district's data/);
    expect((await app.inject({ url: '/api/districts/qingchuan/grids', headers: as('donghu') })).statusCode).toBe(403);
  });

  it('ranks the districts in the city view with each one\'s own district figures', async () => {
    const city = (await app.inject('/api/city?days=90')).json() as City;
    expect(city.districts.map((row) => row.district.code)).toEqual(['qingchuan', 'donghu']);
    for (const row of city.districts) {
      const own = (await app.inject({ url: `/api/districts/${row.district.code}/performance?unit=district&days=90`, headers: as(row.district.code) })).json() as PerformanceList;
      expect(row.performance.composite).toBe(own.rows[0]!.composite);
      expect(row.performance.overdueOpen).toBe(own.rows[0]!.overdueOpen);
      expect(row.performance.rectificationRate).toBe(own.rows[0]!.rectificationRate);
    }
    const ranked = city.districts.filter((row) => row.performance.rank !== null).sort((a, b) => a.performance.rank! - b.performance.rank!);
    for (let index = 1; index < ranked.length; index += 1) expect(ranked[index - 1]!.performance.composite!).toBeGreaterThanOrEqual(ranked[index]!.performance.composite!);
    expect(ranked.length).toBeGreaterThan(0);
  });

  it('documents each district\'s routes once, with the district as a path parameter', async () => {
    const document = (await app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> };
    const paths = Object.keys(document.paths);
    expect(paths).toContain('/api/districts/{district}/grids/{code}');
    expect(paths).toContain('/api/city');
    expect(paths.filter((path) => /\/api\/districts\/(qingchuan|donghu)\//.test(path))).toEqual([]);
    const parameters = document.paths['/api/districts/{district}/grids/{code}']!.get!.parameters!.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
    expect(parameters.sort()).toEqual(['code', 'district']);
  });

  it('says which district does not exist, and refuses a window too long for the city view', async () => {
    const unknown = await app.inject('/api/districts/xiling/grids');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/no district xiling/);
    const missing = await app.inject('/api/districts/donghu/nothing-here');
    expect(missing.json().message).toMatch(/does not exist/);
    const tooLong = await app.inject('/api/city?days=100000');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toMatch(/days/);
  });
});

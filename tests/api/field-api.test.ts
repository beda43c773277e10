import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid } from '@turf/turf';
import type { SessionAnswer, GridAt, GridCollection, IssueDetail, IssueList, OwnWork, UploadedPhoto } from '../../server/schemas/contract.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { demoScreenToken } from '../../server/seed/demo-accounts.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW, temporaryDirectory } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { phonePhoto, sendPhotos } from '../support/photos.ts';

const DISTRICT = '/api/districts/qingchuan';

/** What the phone app reads besides the problems themselves, on each database the server runs on. */
describe.each(DIALECTS)('the field app\'s reads on %s', (dialect) => {
  let district: TestDistrict;
  let photos: ReturnType<typeof temporaryDirectory>;
  let app: TestApp;
  let gridworker: SignedIn;
  let inspector: SignedIn;
  let department: SignedIn;
  let grids: GridCollection;
  let ownGrid: string;
  const centreOf = (code: string) => centroid(grids.features.find((feature) => feature.properties.code === code)!).geometry.coordinates as [number, number];

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 1200);
    photos = temporaryDirectory();
    app = await buildTestApp({ store: district.openStore(), now: () => TEST_NOW, rateLimits: UNLIMITED, photosDirectory: photos.directory });
    gridworker = await signIn(app, 'gridworker');
    inspector = await signIn(app, 'inspector');
    department = await signIn(app, 'department');
    grids = (await app.inject({ method: 'GET', url: `${DISTRICT}/grids` })).json() as GridCollection;
    ownGrid = ((await app.inject({ method: 'GET', url: '/api/session', headers: gridworker.headers })).json() as SessionAnswer).account.gridCodes[0]!;
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
    photos.remove();
  });

  const get = (who: SignedIn, url: string) => app.inject({ method: 'GET', url: `${DISTRICT}${url}`, headers: who.headers });
  const upload = async (who: SignedIn, seed: number) => {
    const response = await sendPhotos(app, who, [{ name: `IMG_${seed}.jpg`, bytes: await phonePhoto({ seed }) }]);
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as UploadedPhoto[])[0]!.id;
  };
  const report = async (who: SignedIn, at: [number, number], photoIds: number[] = []) => {
    const response = await app.inject({
      method: 'POST', url: `${DISTRICT}/issues`, headers: who.headers,
      payload: { category: 'exposed_garbage', source: 'grid_patrol', description: '垃圾桶满溢', address: '测试路', longitude: at[0], latitude: at[1], photoIds },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as IssueDetail;
  };

  it('names the grid a report would fall in, and whether the account may report there', async () => {
    const otherGrid = grids.features.map((feature) => feature.properties.code).find((code) => code !== ownGrid && code.startsWith('B'))!;
    const at = async (who: SignedIn, [longitude, latitude]: [number, number]) => (await get(who, `/grid-at?longitude=${longitude}&latitude=${latitude}`)).json() as GridAt;

    expect((await at(gridworker, centreOf(ownGrid))).grid).toMatchObject({ code: ownGrid, yours: true });
    expect((await at(gridworker, centreOf(otherGrid))).grid).toMatchObject({ code: otherGrid, yours: false });
    expect((await at(inspector, centreOf(otherGrid))).grid).toMatchObject({ code: otherGrid, yours: true });
    expect((await at(gridworker, [0, 0])).grid).toBeNull();
    const refused = await get(gridworker, '/grid-at?longitude=Infinity&latitude=30');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('longitude');
    expect((await get(department, `/grid-at?longitude=${centreOf(ownGrid)[0]}&latitude=${centreOf(ownGrid)[1]}`)).statusCode).toBe(403);
  });

  it('lists the categories reported most in the last 30 days, most first', async () => {
    const codes = (await get(gridworker, '/categories/most-reported')).json() as string[];
    expect(codes.length).toBe(10);
    const counts = await Promise.all(codes.map((code) => district.scalar(
      `SELECT count(*) FROM issues i JOIN issue_categories c ON c.id = i.category_id WHERE c.code = '${code}' AND i.reported_at >= ${TEST_NOW - 30 * 86_400_000}`)));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.at(-1)).toBeGreaterThan(0);
  });

  it('lists an account\'s own reports, and gives every problem its first before and latest after photo for a thumbnail', async () => {
    const before = (await get(gridworker, '/issues?reportedBy=me&limit=1000')).json() as IssueList;
    const photoId = await upload(gridworker, 41);
    const reported = await report(gridworker, centreOf(ownGrid), [photoId]);
    await report(inspector, centreOf(ownGrid));

    const mine = (await get(gridworker, '/issues?reportedBy=me&limit=1000')).json() as IssueList;
    expect(mine.total).toBe(before.total + 1);
    expect(mine.items[0]).toMatchObject({ id: reported.id, reportPhotoId: photoId, rectificationPhotoId: null });
    expect(mine.items.every((item) => item.id !== reported.id + 1)).toBe(true);
    expect(reported.reportPhotoId).toBe(photoId);
  });

  it('shows a big screen a problem\'s photos in their smaller sizes, never an upload given with nothing nor an original', async () => {
    const given = await upload(gridworker, 51);
    const kept = await upload(gridworker, 52);
    await report(gridworker, centreOf(ownGrid), [given]);
    const screen = { authorization: `Bearer ${demoScreenToken(DEMO_DISTRICT)}` };
    const asScreen = (id: number, variant: string) => app.inject({ method: 'GET', url: `${DISTRICT}/photos/${id}/${variant}`, headers: screen });
    expect((await asScreen(given, 'display')).statusCode).toBe(200);
    expect((await asScreen(given, 'thumb')).headers['content-type']).toBe('image/jpeg');
    expect((await asScreen(given, 'original')).statusCode).toBe(404);
    expect((await asScreen(kept, 'thumb')).statusCode).toBe(404);
  });

  it('answers an account\'s work at an address without its district, as the issue list answers it', async () => {
    const work = async (who: SignedIn | { headers: Record<string, string> }) => app.inject({ method: 'GET', url: '/api/session/work', headers: who.headers });
    const departmentId = ((await app.inject({ method: 'GET', url: '/api/session', headers: department.headers })).json() as SessionAnswer).account.departmentId!;
    const listed = async (who: SignedIn, query: string) => (await get(who, `/issues?${query}&limit=1000`)).json() as IssueList;

    const departmentWork = (await work(department)).json() as OwnWork;
    expect(departmentWork.rectification).toEqual(await listed(department, 'state=assigned,in_progress'));
    expect(departmentWork.rectification!.total).toBeGreaterThan(0);
    expect(departmentWork.rectification!.items.every((issue) => issue.department?.id === departmentId && ['assigned', 'in_progress'].includes(issue.state))).toBe(true);
    expect(departmentWork.reinspection).toBeNull();

    const inspectorWork = (await work(inspector)).json() as OwnWork;
    expect(inspectorWork.rectification).toBeNull();
    expect(inspectorWork.reinspection).toEqual(await listed(inspector, 'state=rectified'));
    expect(inspectorWork.reinspection!.total).toBeGreaterThan(0);

    expect((await work(gridworker)).json()).toEqual({ rectification: null, reinspection: null });
    expect((await work({ headers: { authorization: `Bearer ${demoScreenToken(DEMO_DISTRICT)}` } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/session/work', headers: { cookie: 'civgrid_session=none' } })).statusCode).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync } from 'fflate';
import { centroid } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GridCollection, GridImportAnswer, IssueDetail, PerformanceList } from '../../server/schemas/contract.ts';
import { signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { closeAdministeredDistrict, openAdministeredDistrict, sendImport } from '../support/imports.ts';
import { xiachengFile, xiachengProbes } from '../support/xiacheng-fixtures.ts';

const GRIDS = '/api/districts/qingchuan/grids';
const PAST_WINDOW = 'from=2026-08-01&to=2026-10-31';

/** Importing a real district's grids over the demo's, through the API on each database. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ district, app, admin } = await openAdministeredDistrict(dialect, 1500));
  });
  afterAll(() => closeAdministeredDistrict({ district, app }));

  const gridCodes = async () => ((await app.inject(GRIDS)).json() as GridCollection).features.map((feature) => feature.properties.code);
  const apply = (id: string, acceptWarnings: boolean) => app.inject({ method: 'POST', url: `/api/imports/${id}/apply`, headers: admin.headers, payload: { acceptWarnings } });
  const performance = async (unit: string) => (await app.inject(`/api/districts/qingchuan/performance?unit=${unit}&${PAST_WINDOW}`)).json() as PerformanceList;
  const stateOfTheDistrict = async () => ({
    grids: await district.scalar('SELECT count(*) FROM grids'),
    boundaries: await district.scalar('SELECT count(*) FROM grid_boundaries'),
    version: await district.scalar('SELECT grids_version FROM district'),
    issuesByGrid: await district.column('SELECT grid_id FROM issues ORDER BY id'),
  });

  it('refuses an import to anyone but an administrator, and a forged file with its reason', async () => {
    const asCommander = await sendImport(app, await signIn(app, 'commander'), xiachengFile('truth-wgs84.geojson'));
    expect(asCommander.statusCode).toBe(403);
    const forged = await sendImport(app, admin, { name: 'grids.zip', bytes: strToU8('PK\u0003\u0004 this is not a zip') });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().message).toMatch(/^grids\.zip: the zip cannot be opened/);
    const unknownSystem = await sendImport(app, admin, xiachengFile('grids-gcj02.geojson'), { coordinateSystem: 'EPSG:9999' });
    expect(unknownSystem.statusCode).toBe(400);
    expect(unknownSystem.json().message).toMatch(/not a coordinate system we know/);
    const badField = await sendImport(app, admin, xiachengFile('grids-gcj02.geojson'), { defaultKind: 'circle' });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().message).toMatch(/^defaultKind/);
  });

  it('refuses the broken file with every defect named, and changes nothing', async () => {
    const before = await stateOfTheDistrict();
    const dryRun = await sendImport(app, admin, xiachengFile('grids-broken.geojson'));
    expect(dryRun.statusCode, dryRun.body).toBe(201);
    const { id, report } = dryRun.json() as GridImportAnswer;
    expect(report.errors.map((finding) => finding.code).sort()).toEqual(['block_overlap', 'duplicate_code', 'null_geometry', 'self_intersection', 'unclosed_ring']);
    const refused = await apply(id, true);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'import_has_errors', message: expect.stringMatching(/5 error/) });
    expect(await stateOfTheDistrict()).toEqual(before);
  });

  it('dry-runs the GBK Gauss-Krüger Shapefile without changing anything, then applies it whole once its warnings are accepted', async () => {
    const before = await stateOfTheDistrict();
    const pastGrids = await performance('district');
    const dryRun = await sendImport(app, admin, xiachengFile('grids-cgcs2000-gk3-120e.zip'));
    expect(dryRun.statusCode, dryRun.body).toBe(201);
    const answer = dryRun.json() as GridImportAnswer;
    expect(answer.report.coordinateSystem).toMatchObject({ code: 'EPSG:4549', from: 'file' });
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.warnings.map((finding) => finding.code).sort()).toEqual(['far_from_district', 'grid_count_changed']);
    expect(answer.report.diff.added).toHaveLength(74);
    expect(answer.report.diff.retired).toHaveLength(65);
    expect(answer.appliedAt).toBeNull();
    // The dry run leaves the district as it was; the new grids can be drawn over the current ones.
    expect(await stateOfTheDistrict()).toEqual(before);
    const proposed = (await app.inject({ url: `/api/imports/${answer.id}/grids`, headers: admin.headers })).json() as { features: Feature[] };
    expect(proposed.features).toHaveLength(74);

    const unaccepted = await apply(answer.id, false);
    expect(unaccepted.statusCode).toBe(409);
    expect(unaccepted.json().code).toBe('import_warnings_not_accepted');
    expect(await stateOfTheDistrict()).toEqual(before);

    const applied = await apply(answer.id, true);
    expect(applied.statusCode, applied.body).toBe(200);
    expect((applied.json() as GridImportAnswer).appliedBy).toBe('赵磊（admin）');
    const codes = await gridCodes();
    expect(codes).toHaveLength(74);
    expect(codes[0]).toBe('G01');
    // The demo's grids are retired, not deleted; its problems keep the grid they were reported in.
    expect(await district.scalar('SELECT count(*) FROM grids WHERE retired_at IS NOT NULL')).toBe(65);
    expect(await district.column('SELECT grid_id FROM issues ORDER BY id')).toEqual(before.issuesByGrid);
    // Past windows' figures do not move when the grids do.
    expect((await performance('district')).rows).toEqual(pastGrids.rows);
    expect((await apply(answer.id, true)).json().code).toBe('import_already_applied');
  });

  it('puts a new problem in the imported grid at once, without a restart', async () => {
    for (const probe of xiachengProbes().filter((each) => each.expectedCode).slice(0, 3)) {
      const report = await app.inject({ method: 'POST', url: '/api/districts/qingchuan/issues', payload: {
        category: 'exposed_garbage', source: 'grid_patrol', description: '暴露垃圾', address: '测试地址', longitude: probe.longitude, latitude: probe.latitude,
      } });
      expect(report.statusCode, report.body).toBe(201);
      expect((report.json() as IssueDetail).grid.code).toBe(probe.expectedCode);
    }
  });

  it('applies the same file again as a no-op, and refuses a dry run the grids have moved past', async () => {
    const first = (await sendImport(app, admin, xiachengFile('grids-wgs84.kml'))).json() as GridImportAnswer;
    const second = (await sendImport(app, admin, xiachengFile('grids-cgcs2000-gk3-zone40.zip'))).json() as GridImportAnswer;
    expect(first.report.diff).toMatchObject({ added: [], retired: [], unchanged: 74 });
    const before = await stateOfTheDistrict();
    expect((await apply(first.id, false)).statusCode).toBe(200);
    expect(await stateOfTheDistrict()).toEqual(before);
    // Rename G01 and apply: a dry run made before it is outdated.
    const truth = JSON.parse(new TextDecoder().decode(xiachengFile('truth-wgs84.geojson').bytes)) as { features: Array<Feature<Polygon | MultiPolygon>> };
    truth.features[0]!.properties = { ...truth.features[0]!.properties, name: '长寿社区（新）' };
    const renamed = (await sendImport(app, admin, { name: 'renamed.geojson', bytes: strToU8(JSON.stringify(truth)) })).json() as GridImportAnswer;
    expect(renamed.report.diff.changed).toEqual([{ code: 'G01', name: '长寿社区（新）', fields: ['name'], areaBefore: expect.any(Number), areaAfter: expect.any(Number), areaChange: 0 }]);
    expect((await apply(renamed.id, false)).statusCode).toBe(200);
    expect(await district.scalar('SELECT grids_version FROM district')).toBe(before.version + 1);
    const outdated = await apply(second.id, false);
    expect(outdated.statusCode).toBe(409);
    expect(outdated.json().code).toBe('import_outdated');
    const history = (await app.inject({ url: '/api/imports', headers: admin.headers })).json() as { imports: Array<{ id: string; appliedAt: string | null }> };
    expect(history.imports.filter((each) => each.appliedAt !== null)).toHaveLength(3);
  });

  it('exports the grids as GeoJSON and as a GBK Shapefile in CGCS2000 and in Gauss-Krüger, each importing again as a no-op', async () => {
    const geojson = await app.inject('/api/districts/qingchuan/exports/grids.geojson');
    expect(geojson.statusCode).toBe(200);
    expect(geojson.headers['content-disposition']).toBe(`attachment; filename="grids.geojson"; filename*=UTF-8''${encodeURIComponent('青川区网格.geojson')}`);
    const again = (await sendImport(app, admin, { name: 'grids.geojson', bytes: geojson.rawPayload })).json() as GridImportAnswer;
    expect(again.report.diff).toMatchObject({ added: [], retired: [], changed: [], unchanged: 74 });
    for (const crs of ['EPSG:4490', 'EPSG:4549']) {
      const zip = await app.inject(`/api/districts/qingchuan/exports/grids.zip?crs=${crs}`);
      expect(zip.statusCode, zip.body).toBe(200);
      const entries = Object.keys(unzipSync(zip.rawPayload)).sort();
      expect(entries).toEqual(['grids.cpg', 'grids.dbf', 'grids.prj', 'grids.shp', 'grids.shx']);
      const back = (await sendImport(app, admin, { name: 'grids.zip', bytes: zip.rawPayload })).json() as GridImportAnswer;
      expect(back.report.coordinateSystem).toMatchObject({ code: crs, from: 'file' });
      expect(back.report.file.encoding).toEqual({ name: 'gbk', from: 'cpg' });
      expect(back.report.diff, crs).toMatchObject({ added: [], retired: [], changed: [], unchanged: 74 });
    }
    const shifted = await app.inject('/api/districts/qingchuan/exports/grids.zip?crs=GCJ-02');
    expect(shifted.statusCode).toBe(400);
    expect(shifted.json().message).toMatch(/^crs: grids are never exported shifted/);
  });

  it('keeps every boundary a grid has had when it is redrawn', async () => {
    const truth = JSON.parse(new TextDecoder().decode(xiachengFile('truth-wgs84.geojson').bytes)) as { features: Array<Feature<Polygon | MultiPolygon>> };
    truth.features[0]!.properties = { ...truth.features[0]!.properties, name: '长寿社区（新）' };
    // Shrunk by 1% towards its middle: a redrawn boundary that leaves a thin gap (a warning) and overlaps nothing.
    const g01 = truth.features[0]!.geometry as Polygon;
    const [middleLongitude, middleLatitude] = centroid(g01).geometry.coordinates as [number, number];
    g01.coordinates = g01.coordinates.map((ring) => ring.map(([longitude, latitude]) => [
      middleLongitude + (longitude! - middleLongitude) * 0.99, middleLatitude + (latitude! - middleLatitude) * 0.99,
    ]));
    const before = await performance('grid');
    const redrawn = (await sendImport(app, admin, { name: 'redrawn.geojson', bytes: strToU8(JSON.stringify(truth)) })).json() as GridImportAnswer;
    expect(redrawn.report.diff.changed.map((change) => [change.code, change.fields])).toEqual([['G01', ['geometry']]]);
    expect((await apply(redrawn.id, true)).statusCode).toBe(200);
    expect(await district.column("SELECT b.version FROM grid_boundaries b JOIN grids g ON g.id = b.grid_id WHERE g.code = 'G01' ORDER BY b.version")).toEqual([1, 2]);
    expect((await performance('grid')).rows).toEqual(before.rows);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, transformScale } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { GridDetail, GridImportAnswer, Leader } from '../../server/schemas/contract.ts';
import { signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { closeAdministeredDistrict, openAdministeredDistrict } from '../support/imports.ts';

const GRID = '/api/districts/qingchuan/grids';

/** An administrator changes one grid in place: its name or boundary as a checked new version, its leader and units at once. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ district, app, admin } = await openAdministeredDistrict(dialect, 300));
  });
  afterAll(() => closeAdministeredDistrict({ district, app }));

  const grid = async (code: string) => (await app.inject(`${GRID}/${code}`)).json() as GridDetail;
  const edit = (code: string, payload: unknown, headers = admin.headers) => app.inject({ method: 'POST', url: `/api/grids/${code}/edits`, headers, payload: payload as object });
  const apply = (id: string, acceptWarnings: boolean) => app.inject({ method: 'POST', url: `/api/imports/${id}/apply`, headers: admin.headers, payload: { acceptWarnings } });
  const responsibility = (code: string, payload: unknown) => app.inject({ method: 'PUT', url: `/api/grids/${code}/responsibility`, headers: admin.headers, payload: payload as object });
  const state = async () => ({
    grids: await district.scalar('SELECT count(*) FROM grids'),
    boundaries: await district.scalar('SELECT count(*) FROM grid_boundaries'),
    version: await district.scalar('SELECT grids_version FROM district'),
    units: await district.column('SELECT department_id * 1000 + grid_id FROM grid_departments ORDER BY 1'),
    leaders: await district.column('SELECT leader_id FROM grids ORDER BY id'),
  });

  it('refuses anyone but an administrator, an unknown grid, and a malformed change, naming it', async () => {
    const before = await state();
    expect((await edit('B01', { name: '新名' }, (await signIn(app, 'commander')).headers)).statusCode).toBe(403);
    expect((await edit('Z99', { name: '新名' })).statusCode).toBe(404);
    const nothing = await edit('B01', {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().message).toMatch(/name the change/);
    const infinite = await app.inject({
      method: 'POST', url: '/api/grids/B01/edits', headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"geometry":{"type":"Polygon","coordinates":[[[120,30],[1e400,30],[120,31],[120,30]]]}}',
    });
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json().message).toMatch(/geometry/);
    const blank = await edit('B01', { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toMatch(/name/);
    expect(await state()).toEqual(before);
  });

  it('renames a grid through a dry run that shows only it changed, then applies it as a new version', async () => {
    const version = await district.scalar('SELECT grids_version FROM district');
    const dryRun = await edit('B01', { name: '长寿社区（新）' });
    expect(dryRun.statusCode, dryRun.body).toBe(201);
    const answer = dryRun.json() as GridImportAnswer;
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.diff).toMatchObject({ added: [], retired: [], changed: [{ code: 'B01', fields: ['name'], areaChange: 0 }], unchanged: 64 });
    expect((await grid('B01')).properties.name).not.toBe('长寿社区（新）');
    const applied = await apply(answer.id, answer.report.warnings.length > 0);
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await grid('B01')).properties.name).toBe('长寿社区（新）');
    expect(await district.scalar('SELECT grids_version FROM district')).toBe(version + 1);
  });

  it('refuses a boundary redrawn over its neighbour, naming the overlap, and takes one drawn inside its own', async () => {
    const before = await state();
    const geometry = (await grid('B01')).geometry as Polygon;
    const grown = transformScale({ type: 'Feature', properties: {}, geometry }, 1.3).geometry as Polygon;
    const overlapping = (await edit('B01', { geometry: grown })).json() as GridImportAnswer;
    expect(overlapping.report.errors.map((finding) => finding.code)).toContain('block_overlap');
    expect(overlapping.report.errors.find((finding) => finding.code === 'block_overlap')!.gridCodes).toContain('B01');
    const refused = await apply(overlapping.id, true);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_has_errors');
    expect(await state()).toEqual(before);

    const shrunk = transformScale({ type: 'Feature', properties: {}, geometry }, 0.9, { origin: centroid(geometry).geometry.coordinates }).geometry as Polygon;
    const dryRun = (await edit('B01', { geometry: shrunk })).json() as GridImportAnswer;
    expect(dryRun.report.errors).toEqual([]);
    const [change] = dryRun.report.diff.changed;
    expect(change).toMatchObject({ code: 'B01', fields: ['geometry'] });
    expect(change!.areaChange).toBeLessThan(0);
    // What it leaves uncovered (a gap between it and its neighbours, strips now outside the blocks) is warned of, and accepted.
    expect(dryRun.report.warnings.length).toBeGreaterThan(0);
    expect(dryRun.report.warnings.every((finding) => finding.code === 'gap' || finding.code === 'strip_outside')).toBe(true);
    expect((await apply(dryRun.id, false)).json().code).toBe('import_warnings_not_accepted');
    expect((await apply(dryRun.id, true)).statusCode).toBe(200);
    expect((await grid('B01')).properties.areaSquareMetres).toBeCloseTo(change!.areaAfter, -1);
  });

  it('sets a grid\'s leader and units at once, and refuses a name the district does not have', async () => {
    const leaders = (await app.inject('/api/districts/qingchuan/leaders')).json() as Leader[];
    const departments = (await app.inject('/api/districts/qingchuan/departments')).json() as Array<{ id: number; name: string }>;
    const before = await state();
    const unknown = await responsibility('B02', { leader: '王五', units: { lead: [], territorial: [], supporting: [] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/^包片领导: no leader named 王五/);
    const twice = await responsibility('B02', { leader: leaders[1]!.name, units: { lead: [departments[0]!.name], territorial: [departments[0]!.name], supporting: [] } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toMatch(/two roles/);
    expect(await state()).toEqual(before);

    const changed = await responsibility('B02', { leader: leaders[1]!.name, units: { lead: [departments[2]!.name], territorial: [departments[3]!.name], supporting: [departments[4]!.name, departments[5]!.name] } });
    expect(changed.statusCode, changed.body).toBe(204);
    const after = await grid('B02');
    expect(after.properties.leader!.name).toBe(leaders[1]!.name);
    expect(after.properties.departments.map((department) => `${department.role}:${department.name}`)).toEqual([
      `lead:${departments[2]!.name}`, `territorial:${departments[3]!.name}`, `supporting:${departments[4]!.name}`, `supporting:${departments[5]!.name}`,
    ]);
    expect(await district.scalar("SELECT count(*) FROM audit_log WHERE target = 'grid:B02' AND action = 'grid.responsibility'")).toBe(1);
  });
});

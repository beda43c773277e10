import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import type { GridDetail, PerformanceList } from '../../server/schemas/contract.ts';
import { exportWorkbook, toGcj02 } from '../support/problem-exports.ts';
import { demoScreenToken } from '../../server/seed/demo-accounts.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { openPage, screenshot, SCREENSHOT_DIRECTORY, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { createDriver } from './support/driver.ts';
import { XIACHENG_DIRECTORY, xiachengRoadsIn } from '../support/xiacheng-fixtures.ts';

/** An administrator replaces the demo's grids with a real district's, as a new office would. */
const world = useBrowserWorld(1000);

describe('importing a real district\'s grids', () => {
  let admin: BrowserSession;
  beforeAll(async () => {
    admin = await openPage(world.browser, world.origin, { signedInAs: 'admin' });
  });
  afterAll(async () => admin.close());

  it('refuses the broken file with each defect named and drawn, and changes nothing', async () => {
    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.dryRunImport(resolve(XIACHENG_DIRECTORY, 'grids-broken.geojson'));
    expect((await app.then.findings('errors')).sort()).toEqual(['block_overlap', 'duplicate_code', 'null_geometry', 'self_intersection', 'unclosed_ring']);
    expect(await app.then.text('import-error-count')).toBe('错误 5 处（须先修正文件）');
    await app.page.getByTestId('import-blocked').waitFor();
    expect(await app.page.getByTestId('import-apply').count()).toBe(0);
    await app.page.locator('[data-testid="import-map"][data-findings="5"][data-idle="true"]').waitFor({ state: 'attached' });
    await screenshot(app.page, 'import-broken');
    const grids = (await world.server.inject('/api/districts/qingchuan/grids')).json() as { features: unknown[] };
    expect(grids.features).toHaveLength(65);
  });

  it('on a tablet upright (768×1024) puts the forms above the preview map, which keeps the full width', async () => {
    const upright = await openPage(world.browser, world.origin, { signedInAs: 'admin', viewport: { width: 768, height: 1024 } });
    try {
      const app = createDriver(upright);
      await app.given.importsOpened();
      await app.page.locator('[data-testid="import-map"][data-idle="true"]').waitFor({ state: 'attached' });
      const boxes = await app.then.boxes(['import-dry-run', 'import-map']);
      const map = boxes['import-map']!;
      expect(map.y).toBeGreaterThanOrEqual(boxes['import-dry-run']!.y + boxes['import-dry-run']!.height);
      expect(map.width).toBeGreaterThanOrEqual(760);
      expect(map.height / 1024).toBeGreaterThanOrEqual(0.35);
      await screenshot(app.page, 'import-768x1024');
    } finally {
      await upright.close();
    }
  });

  it('dry-runs the GBK Gauss-Krüger Shapefile, shows the new grids over the old, and applies it once the warnings are accepted', async () => {
    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.dryRunImport(resolve(XIACHENG_DIRECTORY, 'grids-cgcs2000-gk3-120e.zip'));
    expect(await app.then.text('import-system')).toBe('坐标系：EPSG:4549 CGCS2000 3° GK CM 120E（文件自带）');
    expect(await app.then.findings('errors')).toEqual([]);
    expect((await app.then.findings('warnings')).sort()).toEqual(['far_from_district', 'grid_count_changed']);
    expect(await app.then.text('import-diff')).toMatch(/^新增 74 个，停用 65 个，变化 0 个，不变 0 个/);
    await app.page.locator('[data-testid="import-map"][data-proposed-grids="74"][data-idle="true"]').waitFor({ state: 'attached' });
    expect(await app.page.getByTestId('import-apply').isDisabled()).toBe(true);
    await screenshot(app.page, 'import-dry-run');
    await app.when.applyImport({ acceptWarnings: true });
    expect(await app.then.text('import-applied')).toMatch(/由 赵磊（admin） 导入$/);
    // The page offers the grids back as files, downloaded with the administrator's session.
    const shapefile = await app.page.request.get(`${world.origin}${await app.page.getByTestId('export-shapefile').getAttribute('href')}`);
    expect(shapefile.status()).toBe(200);
    expect(shapefile.headers()['content-type']).toBe('application/zip');

    await app.given.overviewOpened('/', 74);
    expect(await app.page.getByTestId('grid-item-G01').textContent()).toMatch(/长寿社区/);
    await screenshot(app.page, 'imported-overview');
    expect(admin.outsideRequests).toEqual([]);
  });

  it('gives the new grids their leader and units from the organization workbook', async () => {
    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.chooseImportKind('organization');
    const template = await app.page.request.get(`${world.origin}${await app.page.getByTestId('organization-template').getAttribute('href')}`);
    expect(template.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await template.body() as unknown as ArrayBuffer);
    workbook.getWorksheet('领导')!.spliceRows(2, 1, ['林小燕', '副区长']);
    workbook.getWorksheet('部门')!.spliceRows(2, 2, ['武林街道办事处', '街道办事处', '武林街道'], ['区城市管理局', '区直部门', '']);
    workbook.getWorksheet('网格责任')!.spliceRows(2, 1, ...['G01', 'G02', 'G03'].map((code) => [code, '', '林小燕', '武林街道办事处', '', '区城市管理局']));
    const path = resolve(SCREENSHOT_DIRECTORY, '组织与责任.xlsx');
    await workbook.xlsx.writeFile(path);
    await app.when.dryRunOrganization(path);
    // The template's routing rows stay: 市容环境's 7 小类 in all 74 grids to the city bureau, and one exception.
    // …and its two example accounts: a leader of G01 and a city bureau's.
    expect(await app.then.text('organization-changes')).toBe('领导新增 1 人、修改 0 人；部门新增 1 个、修改 0 个；网格责任变化 3 个、不变 0 个；派单规则变化 519 项、不变 0 项；账号新增 2 个、修改 0 个、不变 0 个');
    await screenshot(app.page, 'import-organization');
    await app.when.applyOrganization({ acceptWarnings: true });
    await screenshot(app.page, 'import-organization-passwords');
    // The leader signs in elsewhere with the password shown (not in this browser, whose session is the administrator's).
    const signedIn = await fetch(`${world.origin}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zhangwei', password: await app.then.text('one-time-password-zhangwei') }),
    });
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json() as { account: unknown }).account).toMatchObject({ roles: ['leader'], gridCodes: ['G01'], mustChangePassword: true });
    await app.given.overviewOpened('/', 74);
    expect(await app.page.getByTestId('grid-item-G01').textContent()).toMatch(/林小燕/);
    expect(admin.outsideRequests).toEqual([]);
  });

  it('places the 测评 handbook\'s points in the new grids from their position, with the rounds that scored them', async () => {
    const truth = JSON.parse(readFileSync(resolve(XIACHENG_DIRECTORY, 'truth-wgs84.geojson'), 'utf8')) as FeatureCollection;
    const inside = (code: string) => pointOnFeature(truth.features.find((feature) => (feature.properties as { code: string }).code === code)!).geometry.coordinates;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('点位').addRows([['点位名称', '点位类型', '经度', '纬度', '所属网格', '责任单位', '责任人'],
      ['长寿社区文明实践站', '新时代文明实践中心', ...inside('G01'), '', '区城市管理局', '陈静'], ['仙林农贸市场', '集贸市场', ...inside('G03'), 'G03', '区城市管理局', '刘洋']]);
    workbook.addWorksheet('测评').addRows([['点位名称', '测评日期', '测评方', '观测项数', '不合格项数', '得分率', '结论'],
      ['长寿社区文明实践站', '2026-10-20', '第三方', 16, 2, '', ''], ['仙林农贸市场', '2026-10-21', '第三方', 20, 9, '', '']]);
    const path = resolve(SCREENSHOT_DIRECTORY, '测评点位.xlsx');
    await workbook.xlsx.writeFile(path);

    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.chooseImportKind('points');
    await app.page.getByTestId('points-file').setInputFiles(path);
    await app.page.getByTestId('points-dry-run').click();
    expect(await app.then.text('points-changes')).toBe('点位新增 2 个、修改 0 个、不变 0 个；测评记录新增 2 条，已有 0 条跳过');
    await screenshot(app.page, 'import-points');
    await app.page.getByTestId('points-apply').click();
    await app.page.getByTestId('points-applied').waitFor();
    await app.given.overviewOpened('/grids/G03', 74);
    expect(await app.page.getByTestId('grid-panel-points').textContent()).toMatch(/仙林农贸市场/);
  });

  it('brings in a year of the hotline\'s problems in GCJ-02, after the office names the column it did not recognize', async () => {
    const truth = JSON.parse(readFileSync(resolve(XIACHENG_DIRECTORY, 'truth-wgs84.geojson'), 'utf8')) as FeatureCollection;
    const interiors = truth.features.map((feature) => [(feature.properties as { code: string }).code, toGcj02(pointOnFeature(feature).geometry.coordinates as [number, number])] as const);
    const headers = ['工单编号', '受理时间', '问题类别', '诉求内容', '发生地址', '经度', '纬度', '办理状态', '处理科室', '办结时间'];
    // Two weeks before the pinned present, in the imported grids G01–G74; every third still with its department.
    const rows = Array.from({ length: 148 }, (_, index) => {
      const [, [longitude, latitude]] = interiors[index % interiors.length]!;
      const day = String(1 + (index % 14)).padStart(2, '0');
      const open = index % 3 === 0;
      return [`HZ12345-${index}`, `2026-11-${day} 09:30`, index % 2 === 0 ? '暴露垃圾' : '占道经营', '市民来电反映', '下城区', longitude, latitude,
        open ? '办理中' : '已办结', index % 2 === 0 ? '武林街道办事处' : '区城市管理局', open ? '' : `2026-11-${day} 16:00`];
    });
    const path = resolve(SCREENSHOT_DIRECTORY, '12345工单.xlsx');
    writeFileSync(path, await exportWorkbook(headers, rows));

    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.chooseImportKind('problems');
    await app.when.dryRunProblems(path, { sourceSystem: '12345', coordinateSystem: 'GCJ-02' });
    // 处理科室 is no header the office's systems use: the rows in progress cannot name their department.
    expect(await app.then.text('problems-errors')).toMatch(/^12345工单\.xlsx!2: 承办单位: a problem 办理中 needs the department it is with/);
    await app.when.mapProblemColumn('department', '处理科室');
    expect(await app.then.text('problems-rows')).toBe('共 148 行：将导入 148 条；跳过文件内重复 0 条、此前已导入 0 条；按网格编码定位 0 条；无法读取 0 行');
    await screenshot(app.page, 'import-problems');
    await app.when.applyProblems();

    await app.given.overviewOpened('/grids/G05', 74);
    await app.page.locator('[data-testid="grid-panel"][data-grid-code="G05"]').waitFor();
    expect(Number(await app.then.text('grid-panel-open'))).toBeGreaterThan(0);
    await screenshot(app.page, 'imported-grid-panel');
    // Every imported grid has its figures, and ranks: the rankings, the dispatcher and the wall read the same counters.
    const performance = (await world.server.inject('/api/districts/qingchuan/performance?unit=grid&from=2026-11-01&to=2026-11-20')).json() as PerformanceList;
    const imported = performance.rows.filter((row) => /^G\d\d$/.test(row.unit.key));
    expect(imported).toHaveLength(74);
    expect(imported.reduce((sum, row) => sum + row.openIssues, 0)).toBe(50);
    expect(admin.outsideRequests).toEqual([]);

    // The wall, on its device link with no one signed in, tours the imported district's grids.
    const wall = await openPage(world.browser, world.origin, { signedInAs: null, viewport: { width: 1920, height: 1080 } });
    try {
      await wall.page.goto(`${world.origin}/screen?device=${demoScreenToken(DEMO_DISTRICT)}`);
      await wall.page.locator('[data-testid="tour-card"][data-grid-code^="G"]').waitFor({ timeout: 45_000 });
      // Two weeks of a new district are too few problems per grid to rank: the wall says so rather than show an empty list.
      await wall.page.getByTestId('red-black-empty').waitFor();
      await screenshot(wall.page, 'imported-wall');
      expect(wall.pageErrors).toEqual([]);
      expect(wall.outsideRequests).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('draws the district on its own roads, imported from the GIS office\'s Gauss-Krüger file', async () => {
    const path = resolve(SCREENSHOT_DIRECTORY, '道路.geojson');
    writeFileSync(path, JSON.stringify(xiachengRoadsIn('EPSG:4549')));
    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.chooseImportKind('basemap');
    await app.when.importBasemapLayer(path, 'roads', 'EPSG:4549');
    expect(await app.then.text('basemap-kept')).toBe('道路：主干路 1、次干路 1、支路 1；舍去 1 个不是该图层几何类型的要素');
    await screenshot(app.page, 'import-basemap');

    // The overview draws on the new tiles: the style frames them at the district, and the map fetches them by their new version.
    const style = await (await app.page.request.get(`${world.origin}/tiles/style/light.json`)).json() as { sources: { district: { tiles: string[]; bounds: number[] } } };
    expect(style.sources.district.bounds[0]).toBeGreaterThan(120);
    const version = style.sources.district.tiles[0]!.split('?')[1]!;
    const newTile = app.page.waitForRequest((request) => /\/tiles\/\d+\/\d+\/\d+\.pbf\?/.test(request.url()) && request.url().endsWith(version), { timeout: 45_000 });
    await app.given.overviewOpened('/', 74);
    // Served from the new archive: a tile, or none (204) where the district's roads do not pass.
    expect([200, 204]).toContain((await (await newTile).response())?.status());
    await screenshot(app.page, 'imported-basemap-overview');
    expect(admin.outsideRequests).toEqual([]);
  });

  const gridDetail = async (code: string) => (await world.server.inject(`/api/districts/qingchuan/grids/${code}`)).json() as GridDetail;

  it('renames a grid in place, checked and applied as a new version', async () => {
    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.chooseImportKind('edit');
    await app.when.chooseGridToEdit('G02');
    await app.when.renameGrid('长庆社区（调整后）');
    expect(await app.then.text('import-diff')).toBe('新增 0 个，停用 0 个，变化 1 个，不变 73 个（停用的网格保留历史，不会删除）');
    await app.when.applyGridDryRun();
    expect((await gridDetail('G02')).properties.name).toBe('长庆社区（调整后）');
    expect(admin.pageErrors).toEqual([]);
  });

  it('redraws the grid\'s boundary on the map, checked and applied as a new version', async () => {
    const before = await gridDetail('G02');
    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.chooseImportKind('edit');
    await app.when.chooseGridToEdit('G02');
    await app.when.dragFirstVertexInwards(0.3);
    await screenshot(app.page, 'grid-edit-redrawing');
    await app.when.checkRedrawnBoundary();
    expect(await app.then.text('import-diff')).toBe('新增 0 个，停用 0 个，变化 1 个，不变 73 个（停用的网格保留历史，不会删除）');
    await screenshot(app.page, 'grid-edit-boundary-report');
    await app.when.applyGridDryRun();
    const after = await gridDetail('G02');
    // Pulling a vertex inwards takes area from the grid; what it leaves is a gap the report warned of.
    expect(after.properties.areaSquareMetres).toBeLessThan(before.properties.areaSquareMetres);
    expect(after.properties.name).toBe('长庆社区（调整后）');
    expect(admin.pageErrors).toEqual([]);
    // A budget, not a measure: the map is drawn twice by software WebGL, which a loaded CI machine slows.
  }, 150_000);

  it('gives the grid a new leader and units', async () => {
    const app = createDriver(admin);
    await app.given.importsOpened();
    await app.when.chooseImportKind('edit');
    await app.when.chooseGridToEdit('G02');
    await app.when.setGridResponsibility('林小燕', { lead: ['区城市管理局'], territorial: ['武林街道办事处'], supporting: [] });
    const responsible = await gridDetail('G02');
    expect(responsible.properties.leader?.name).toBe('林小燕');
    expect(responsible.properties.departments.map((department) => `${department.role}:${department.name}`)).toEqual(['lead:区城市管理局', 'territorial:武林街道办事处']);
    expect(admin.pageErrors).toEqual([]);
    expect(admin.outsideRequests).toEqual([]);
  });
});

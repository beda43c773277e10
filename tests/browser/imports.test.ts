import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { openPage, screenshot, SCREENSHOT_DIRECTORY, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { createDriver } from './support/driver.ts';
import { XIACHENG_DIRECTORY } from '../support/xiacheng-fixtures.ts';

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
    expect(await app.then.text('organization-changes')).toBe('领导新增 1 人、修改 0 人；部门新增 1 个、修改 0 个；网格责任变化 3 个、不变 0 个');
    await screenshot(app.page, 'import-organization');
    await app.when.applyOrganization({ acceptWarnings: true });
    await app.given.overviewOpened('/', 74);
    expect(await app.page.getByTestId('grid-item-G01').textContent()).toMatch(/林小燕/);
    expect(admin.outsideRequests).toEqual([]);
  });
});

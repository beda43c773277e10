import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { GridDetail, Leader, OrganizationImportAnswer } from '../../server/schemas/contract.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { sendImport } from '../support/imports.ts';

/** The organization workbook: leaders, departments and who answers for each grid, on each database. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 300);
    app = await buildTestApp({ store: district.openStore(), now: () => TEST_NOW, rateLimits: UNLIMITED });
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const workbookOf = async (bytes: Uint8Array) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    return workbook;
  };
  const exported = async () => (await app.inject('/api/districts/qingchuan/exports/organization.xlsx')).rawPayload;
  const dryRun = async (bytes: Uint8Array) => {
    const response = await sendImport(app, admin, { name: '组织.xlsx', bytes }, { kind: 'organization' });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as OrganizationImportAnswer;
  };
  const apply = (id: string) => app.inject({ method: 'POST', url: `/api/imports/${id}/apply`, headers: admin.headers, payload: { acceptWarnings: false } });
  const grid = async (code: string) => (await app.inject(`/api/districts/qingchuan/grids/${code}`)).json() as GridDetail;
  const state = async () => ({
    leaders: await district.scalar('SELECT count(*) FROM leaders'),
    departments: await district.scalar('SELECT count(*) FROM departments'),
    links: await district.column('SELECT department_id * 1000 + grid_id FROM grid_departments ORDER BY 1'),
    gridLeaders: await district.column('SELECT leader_id FROM grids ORDER BY id'),
  });

  it('offers a template with Chinese headers, an example row in each sheet and notes', async () => {
    const response = await app.inject({ url: '/api/imports/templates/organization.xlsx', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const workbook = await workbookOf(response.rawPayload);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['领导', '部门', '网格责任', '派单规则', '说明']);
    expect((workbook.getWorksheet('网格责任')!.getRow(1).values as string[]).slice(1)).toEqual(['网格编码', '网格名称', '包片领导', '包片单位', '属地单位', '协同单位']);
    expect(workbook.getWorksheet('领导')!.rowCount).toBe(2);
    expect((await app.inject({ url: '/api/imports/templates/organization.xlsx', headers: (await signIn(app, 'commander')).headers })).statusCode).toBe(403);
  });

  it('exports the organization in the import form: imported again, it changes nothing', async () => {
    const before = await state();
    const answer = await dryRun(await exported());
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.warnings).toEqual([]);
    expect(answer.report.changes).toMatchObject({
      leadersAdded: [], leadersChanged: [], departmentsAdded: [], departmentsChanged: [], gridsChanged: [], gridsUnchanged: 65,
      routesChanged: 0, routesUnchanged: await district.scalar('SELECT count(*) FROM routing_rules'),
    });
    expect((await apply(answer.id)).statusCode).toBe(200);
    expect(await state()).toEqual(before);
  });

  it('names every problem as 工作表!行: 列: 问题 and applies nothing while any remains, even one in row 9,000', async () => {
    const before = await state();
    const workbook = await workbookOf(await exported());
    workbook.getWorksheet('领导')!.addRow(['林小燕', '副区长']);
    workbook.getWorksheet('部门')!.addRow(['区数据资源局', '局办', '']);
    const responsibilities = workbook.getWorksheet('网格责任')!;
    responsibilities.getRow(2).getCell(3).value = '林小燕';
    responsibilities.getRow(3).getCell(3).value = '王五';
    responsibilities.getRow(4).getCell(6).value = '区不存在局';
    responsibilities.getRow(9000).values = ['Z99', '', '林小燕', '', '', ''];
    const answer = await dryRun(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(answer.report.errors.map((problem) => problem.text)).toEqual([
      "部门!62: 类型: '局办' is none of 区直部门、街道办事处、包联单位",
      '网格责任!3: 包片领导: no leader named 王五 in the sheet 领导 or the district',
      '网格责任!4: 协同单位: no department named 区不存在局 in the sheet 部门 or the district',
      '网格责任!9000: 网格编码: no grid Z99 is in force; import the grids first',
    ]);
    const refused = await apply(answer.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_has_errors');
    expect(await state()).toEqual(before);
  });

  it('adds a leader and a department, and moves a grid to them, in one transaction', async () => {
    const workbook = await workbookOf(await exported());
    workbook.getWorksheet('领导')!.addRow(['林小燕', '副区长']);
    workbook.getWorksheet('部门')!.addRow(['区数据资源局', '区直部门', '']);
    const row = workbook.getWorksheet('网格责任')!.getRow(2);
    const code = row.getCell(1).text;
    row.getCell(3).value = '林小燕';
    row.getCell(6).value = '区数据资源局';
    const answer = await dryRun(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.changes).toMatchObject({ leadersAdded: ['林小燕'], departmentsAdded: ['区数据资源局'], gridsChanged: [{ code, fields: ['leader', 'supporting'] }], gridsUnchanged: 64 });
    expect((await apply(answer.id)).statusCode).toBe(200);
    const after = await grid(code);
    expect(after.properties.leader).toMatchObject({ name: '林小燕', title: '副区长' });
    // The supporting units are now the one named; the lead and territorial units are as they were.
    expect(after.properties.departments.filter((department) => department.role === 'supporting').map((department) => department.name)).toEqual(['区数据资源局']);
    expect(after.properties.departments.filter((department) => department.role !== 'supporting').map((department) => department.name))
      .toEqual([row.getCell(4).text, row.getCell(5).text].flatMap((cell) => cell.split('、')).filter(Boolean));
    const leaders = (await app.inject('/api/districts/qingchuan/leaders')).json() as Leader[];
    expect(leaders.find((leader) => leader.name === '林小燕')!.grids.map((each) => each.code)).toEqual([code]);
  });

  it('sets the routing table from general rules and a grid\'s exceptions, later rows over earlier ones', async () => {
    const routeOf = (grid: string, category: string) => district.scalar(`SELECT r.department_id FROM routing_rules r JOIN grids g ON g.id = r.grid_id
      JOIN issue_categories c ON c.id = r.category_id WHERE g.code = '${grid}' AND c.code = '${category}'`);
    const [cityBureau, streetOffice] = ((await app.inject('/api/districts/qingchuan/departments')).json() as Array<{ id: number; name: string }>).slice(0, 2);
    const categories = (await app.inject('/api/districts/qingchuan/categories')).json() as Array<{ code: string; name: string; parentCode: string | null }>;
    const main = categories.find((category) => category.parentCode === null)!;
    const [first, second] = categories.filter((category) => category.parentCode === main.code);
    const workbook = await workbookOf(await exported());
    // The exported table replaced by a general rule and one grid's exception, and three faults.
    workbook.removeWorksheet(workbook.getWorksheet('派单规则')!.id);
    const routes = workbook.addWorksheet('派单规则');
    routes.addRows([['网格编码', '问题类别', '责任部门'], ['全部', main.name, cityBureau!.name], ['B07', first!.name, streetOffice!.name],
      ['Z99', first!.name, streetOffice!.name], ['B07', '外星人', streetOffice!.name], ['B07', first!.name, '区不存在局']]);
    const refused = await dryRun(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(refused.report.errors.map((problem) => problem.text)).toEqual([
      '派单规则!4: 网格编码: no grid Z99 is in force',
      "派单规则!5: 问题类别: '外星人' is no category of the district (a 小类, a 大类 or 全部)",
      '派单规则!6: 责任部门: no department named 区不存在局 in the sheet 部门 or the district',
    ]);
    for (const faulty of [4, 5, 6]) routes.getRow(faulty).values = [];
    const answer = await dryRun(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.changes.routesChanged + answer.report.changes.routesUnchanged).toBe(65 * categories.filter((category) => category.parentCode === main.code).length);
    expect((await apply(answer.id)).statusCode).toBe(200);
    expect(await routeOf('B07', first!.code)).toBe(streetOffice!.id);
    expect(await routeOf('B07', second!.code)).toBe(cityBureau!.id);
    expect(await routeOf('S03', first!.code)).toBe(cityBureau!.id);
  });
});

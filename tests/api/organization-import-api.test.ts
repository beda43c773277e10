import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { GridDetail, Leader, OrganizationImportAnswer } from '../../server/schemas/contract.ts';
import { signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { closeAdministeredDistrict, openAdministeredDistrict, sendImport } from '../support/imports.ts';

/** The organization workbook: leaders, departments and who answers for each grid, on each database. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ district, app, admin } = await openAdministeredDistrict(dialect, 300));
  });
  afterAll(() => closeAdministeredDistrict({ district, app }));

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
    accounts: await district.column("SELECT username || ' ' || roles || ' ' || grid_ids || ' ' || updated_at FROM accounts ORDER BY id"),
    gridLeaders: await district.column('SELECT leader_id FROM grids ORDER BY id'),
  });

  it('offers a template with Chinese headers, an example row in each sheet and notes', async () => {
    const response = await app.inject({ url: '/api/imports/templates/organization.xlsx', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const workbook = await workbookOf(response.rawPayload);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['领导', '部门', '网格责任', '派单规则', '账号', '说明']);
    expect((workbook.getWorksheet('账号')!.getRow(1).values as string[]).slice(1)).toEqual(['账号', '姓名', '角色', '所属部门', '负责网格']);
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
      accountsAdded: [], accountsChanged: [], accountsUnchanged: await district.scalar('SELECT count(*) FROM accounts'),
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

  it('adds accounts with one-time passwords shown once, changes others, and names what it cannot take', async () => {
    const before = await state();
    const [bureau] = (await app.inject('/api/districts/qingchuan/departments')).json() as Array<{ id: number; name: string }>;
    const workbook = await workbookOf(await exported());
    const accounts = workbook.getWorksheet('账号')!;
    const inspectorRow = accounts.getRows(2, accounts.rowCount - 1)!.find((row) => row.getCell(1).text === 'inspector')!;
    inspectorRow.getCell(3).value = '督查员、网格员';
    inspectorRow.getCell(5).value = 'B01、B02';
    const adminRow = accounts.getRows(2, accounts.rowCount - 1)!.find((row) => row.getCell(1).text === 'admin')!;
    adminRow.getCell(3).value = '调度员/指挥长';
    accounts.addRows([
      ['13800000077', '赵敏', '网格员', '', 'B03'],
      ['cgj77', '钱江', '责任单位', bureau!.name, ''],
      ['bad name', '孙一', '网格员', '', 'B03'],
      ['lx01', '李雪', '网格员', '', ''],
      ['lx02', '李霜', '站长', '', ''],
      ['lx03', '李雨', '系统管理员、审计员', '', ''],
      ['lx04', '李雷', '网格员', '', 'Z99'],
      ['13800000077', '赵敏', '网格员', '', 'B03'],
    ]);
    const last = accounts.rowCount;
    const refused = await dryRun(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(refused.report.errors.map((problem) => problem.text)).toEqual([
      `账号!${last - 5}: 账号: 'bad name' is not a username (1–40 letters, digits or _ . @ -)`,
      `账号!${last - 3}: 角色: '站长' is none of 系统管理员、审计员、调度员/指挥长、包片领导、责任单位、督查员、网格员`,
      `账号!${last}: 账号: '13800000077' is listed already, in row ${last - 7}`,
      `账号!${adminRow.number}: 角色: an administrator may not give up their own admin role; another administrator can`,
      `账号!${last - 4}: 负责网格: a grid worker needs at least one grid`,
      `账号!${last - 2}: 角色: admin is held alone (三员分立); make a second account for the other role`,
      `账号!${last - 1}: 负责网格: no grid Z99 is in force`,
    ]);
    expect(await state()).toEqual(before);

    adminRow.getCell(3).value = '系统管理员';
    for (let row = last - 5; row <= last; row += 1) accounts.getRow(row).values = [];
    const answer = await dryRun(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.changes).toMatchObject({ accountsAdded: ['13800000077', 'cgj77'], accountsChanged: ['inspector'] });
    const applied = await apply(answer.id);
    expect(applied.statusCode, applied.body).toBe(200);
    const passwords = (applied.json() as OrganizationImportAnswer).oneTimePasswords!;
    expect(passwords.map((each) => [each.username, each.displayName])).toEqual([['13800000077', '赵敏'], ['cgj77', '钱江']]);
    // Shown once: the import's record does not keep them.
    const kept = await app.inject({ url: `/api/imports/${answer.id}`, headers: admin.headers });
    expect(kept.statusCode).toBe(200);
    expect(kept.body).not.toContain(passwords[0]!.password);
    const signedIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'cgj77', password: passwords[1]!.password } });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().account).toMatchObject({ displayName: '钱江', roles: ['department'], departmentId: bureau!.id, mustChangePassword: true });
    const listed = ((await app.inject({ url: '/api/accounts', headers: admin.headers })).json() as { accounts: Array<{ username: string; roles: string[]; gridCodes: string[] }> }).accounts;
    expect(listed.find((account) => account.username === 'inspector')).toMatchObject({ roles: ['inspector', 'gridworker'], gridCodes: ['B01', 'B02'] });
    expect(listed.find((account) => account.username === '13800000077')).toMatchObject({ roles: ['gridworker'], gridCodes: ['B03'] });

    // Exported and imported again, the accounts change no more.
    const again = await dryRun(await exported());
    expect(again.report.changes).toMatchObject({ accountsAdded: [], accountsChanged: [] });
  });
});

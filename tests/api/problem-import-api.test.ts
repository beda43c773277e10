import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import iconv from 'iconv-lite';
import type { Category, Department, GridCollection, IssueDetail, IssueList, ProblemImportAnswer } from '../../server/schemas/contract.ts';
import { signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { closeAdministeredDistrict, openAdministeredDistrict, sendImport } from '../support/imports.ts';
import { exportCsv, exportWorkbook, gridInteriors, HOTLINE_HEADERS, toGcj02, type ExportRow } from '../support/problem-exports.ts';

/** A year of problems from 12345 and 数字城管 exports, on each database. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let admin: SignedIn;
  let interiors: Map<string, [number, number]>;
  let categories: Category[];
  let departments: Department[];

  beforeAll(async () => {
    ({ district, app, admin } = await openAdministeredDistrict(dialect, 300));
    interiors = gridInteriors((await app.inject('/api/districts/qingchuan/grids')).json() as GridCollection);
    categories = ((await app.inject('/api/districts/qingchuan/categories')).json() as Category[]).filter((category) => category.parentCode !== null);
    departments = (await app.inject('/api/districts/qingchuan/departments')).json() as Department[];
  });
  afterAll(() => closeAdministeredDistrict({ district, app }));

  const dryRun = async (name: string, bytes: Uint8Array, fields: Record<string, string> = {}) => {
    const response = await sendImport(app, admin, { name, bytes }, { kind: 'problems', sourceSystem: '12345', coordinateSystem: 'GCJ-02', ...fields });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as ProblemImportAnswer;
  };
  const apply = (id: string) => app.inject({ method: 'POST', url: `/api/imports/${id}/apply`, headers: admin.headers, payload: { acceptWarnings: false } });
  const issueCount = () => district.scalar('SELECT count(*) FROM issues');
  const issueBySource = async (reference: string) => {
    const id = await district.scalar(`SELECT id FROM issues WHERE source_system = '12345' AND source_reference = '${reference}'`);
    return (await app.inject(`/api/districts/qingchuan/issues/${id}`)).json() as IssueDetail;
  };
  /** Row n of a hotline export: a problem truly at a grid's interior point, written in GCJ-02. */
  const hotlineRow = (index: number, overrides: Partial<Record<(typeof HOTLINE_HEADERS)[number], string | number | null>> = {}): ExportRow => {
    const codes = [...interiors.keys()];
    const code = codes[index % codes.length]!;
    const [longitude, latitude] = toGcj02(interiors.get(code)!);
    const values: Record<string, string | number | null> = {
      工单编号: `GD2026${String(index).padStart(6, '0')}`, 受理时间: `2026-0${1 + (index % 9)}-1${index % 10} 09:${String(index % 60).padStart(2, '0')}`,
      问题类别: categories[index % categories.length]!.name, 诉求内容: `市民反映第${index}号问题`, 发生地址: `青川区某路${index}号`,
      经度: longitude, 纬度: latitude, 办理状态: index % 2 === 0 ? '已办结' : '办理中', 承办单位: departments[index % departments.length]!.name,
      办理时限: '5个工作日', 办结时间: index % 2 === 0 ? `2026-0${1 + (index % 9)}-2${index % 10} 16:00` : '', 网格编码: '',
      ...overrides,
    };
    return HOTLINE_HEADERS.map((header) => values[header] ?? null);
  };

  it('reads a GCJ-02 hotline export, guesses its columns and changes nothing until applied; then every problem is where it truly is', async () => {
    const rows = Array.from({ length: 40 }, (_, index) => hotlineRow(index));
    // Row 42 repeats row 2's id (skipped, counted); row 43 has no coordinates but names its grid.
    rows.push(hotlineRow(0), hotlineRow(41, { 经度: null, 纬度: null, 网格编码: 'B07' }));
    const before = await issueCount();
    const answer = await dryRun('12345工单.xlsx', await exportWorkbook(HOTLINE_HEADERS, rows));
    expect(answer.report.mappingFrom).toBe('guessed');
    expect(answer.report.mapping).toEqual({
      sourceId: '工单编号', reportedAt: '受理时间', category: '问题类别', description: '诉求内容', address: '发生地址', longitude: '经度', latitude: '纬度',
      state: '办理状态', department: '承办单位', deadline: '办理时限', closedAt: '办结时间', gridCode: '网格编码',
    });
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.rows).toEqual({ total: 42, ready: 41, duplicatesInFile: 1, alreadyImported: 0, placedByGridCode: 1, withErrors: 0 });
    expect(answer.report.states).toMatchObject({ closed: 20, in_progress: 21 });
    expect(await issueCount()).toBe(before);

    const stored = await district.storedCounters();
    expect((await apply(answer.id)).statusCode).toBe(200);
    expect(await issueCount()).toBe(before + 41);
    expect(await district.storedCounters()).not.toEqual(stored);
    expect(await district.storedCounters()).toEqual(await district.recomputedCounters());

    for (const index of [0, 7, 13]) {
      const issue = await issueBySource(`GD2026${String(index).padStart(6, '0')}`);
      const truth = interiors.get([...interiors.keys()][index % interiors.size]!)!;
      expect(distance(truth, [issue.longitude, issue.latitude], { units: 'meters' })).toBeLessThan(1);
      expect(issue.grid.code).toBe([...interiors.keys()][index % interiors.size]);
      expect(issue.source).toBe('citizen_report');
    }
    const closed = await issueBySource('GD2026000000');
    expect(closed.state).toBe('closed');
    // The original times are kept: reported 2026-01-10 09:00 China time, closed 2026-01-20 16:00.
    expect(closed.reportedAt).toBe('2026-01-10T01:00:00.000Z');
    expect(closed.closedAt).toBe('2026-01-20T08:00:00.000Z');
    expect(closed.events.map((event) => event.action)).toEqual(['report', 'dispatch', 'accept', 'submit_rectification', 'pass_inspection']);
    const placed = await issueBySource('GD2026000041');
    expect(placed.grid.code).toBe('B07');
  });

  it('skips and counts what was imported before: the same export twice adds nothing', async () => {
    const bytes = await exportWorkbook(HOTLINE_HEADERS, Array.from({ length: 10 }, (_, index) => hotlineRow(100 + index)));
    const first = await dryRun('十条.xlsx', bytes);
    expect((await apply(first.id)).statusCode).toBe(200);
    const before = await issueCount();
    const again = await dryRun('十条.xlsx', bytes);
    expect(again.report.rows).toMatchObject({ total: 10, ready: 0, alreadyImported: 10 });
    expect((await apply(again.id)).statusCode).toBe(200);
    expect(await issueCount()).toBe(before);
    expect((await apply(first.id)).json().code).toBe('import_already_applied');
  });

  it('names each unreadable row as 文件!行: 列: 问题 and applies nothing while any remains, even one in row 9,000', async () => {
    const rows = Array.from({ length: 9000 }, (_, index) => hotlineRow(1000 + index));
    rows[2] = hotlineRow(1002, { 受理时间: '昨天' });
    rows[3] = hotlineRow(1003, { 问题类别: '外星人' });
    rows[4] = hotlineRow(1004, { 承办单位: '区不存在局' });
    rows[5] = hotlineRow(1005, { 经度: 13_380_000, 纬度: 3_540_000 });
    rows[6] = hotlineRow(1006, { 经度: null, 纬度: null });
    rows[7] = hotlineRow(1007, { 办理状态: '神秘' });
    rows[8998] = hotlineRow(9998, { 办结时间: '2026-13-40' });
    const before = await issueCount();
    const answer = await dryRun('坏.xlsx', await exportWorkbook(HOTLINE_HEADERS, rows));
    expect(answer.report.errors.map((problem) => problem.text)).toEqual([
      "坏.xlsx!4: 受理时间: '昨天' is not a date and time (2026-03-01 08:30)",
      "坏.xlsx!5: 问题类别: '外星人' is not one of the district's categories (by code or name)",
      "坏.xlsx!6: 承办单位: '区不存在局' is not one of the district's departments",
      expect.stringMatching(/^坏\.xlsx!7: 经度: 13380000, 3540000 in GCJ-02 is not in China: metres/),
      '坏.xlsx!8: 经度: no coordinates and no grid code: the problem cannot be placed',
      expect.stringMatching(/^坏\.xlsx!9: 办理状态: '神秘' is not a state we know/),
      "坏.xlsx!9000: 办结时间: '2026-13-40' is not a date and time",
    ]);
    expect(answer.report.rows).toMatchObject({ total: 9000, ready: 8993, withErrors: 7 });
    const refused = await apply(answer.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'import_has_errors', message: expect.stringMatching(/7 row/) });
    expect(await issueCount()).toBe(before);
  });

  it('keeps the mapping that worked for its source system, and reads a GBK CSV with it', async () => {
    const headers = ['案卷号', '上报时间', '小类', '描述', '位置', 'X', 'Y', '案卷状态', '处置单位'];
    const [longitude, latitude] = toGcj02(interiors.get('B03')!);
    const row = (index: number): ExportRow => [`SZCG-${index}`, `2026/10/${10 + index} 8:05`, categories[0]!.code, '井盖缺失', '某街', longitude, latitude, '已派遣', departments[0]!.name];
    const mapping = { sourceId: '案卷号', reportedAt: '上报时间', category: '小类', description: '描述', address: '位置', longitude: 'X', latitude: 'Y', state: '案卷状态', department: '处置单位' };
    const first = await dryRun('数字城管.xlsx', await exportWorkbook(headers, [row(1)]), { sourceSystem: '数字城管', issueSource: 'grid_patrol', mapping: JSON.stringify(mapping) });
    expect(first.report.mappingFrom).toBe('declared');
    expect(first.report.errors).toEqual([]);
    expect((await apply(first.id)).statusCode).toBe(200);

    const csv = new Uint8Array(iconv.encode(exportCsv(headers, [row(2), row(3)]), 'gbk'));
    const second = await dryRun('数字城管.csv', csv, { sourceSystem: '数字城管', issueSource: 'grid_patrol' });
    expect(second.report.file.encoding).toBe('gbk');
    expect(second.report.mappingFrom).toBe('saved');
    expect(second.report.mapping).toEqual(mapping);
    expect(second.report.rows).toMatchObject({ total: 2, ready: 2 });
    expect(second.report.states.assigned).toBe(2);
    expect((await apply(second.id)).statusCode).toBe(200);
    const list = (await app.inject('/api/districts/qingchuan/issues?grid=B03&source=grid_patrol&limit=10')).json() as IssueList;
    expect(list.items.filter((issue) => issue.description === '井盖缺失')).toHaveLength(3);
  });

  it('refuses what cannot be an import before reading it', async () => {
    const bytes = await exportWorkbook(HOTLINE_HEADERS, [hotlineRow(1)]);
    const send = (fields: Record<string, string>) => sendImport(app, admin, { name: 'x.xlsx', bytes }, { kind: 'problems', ...fields });
    expect((await send({})).json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^sourceSystem: /) });
    expect((await send({ sourceSystem: '12345', mapping: '{' })).json().message).toMatch(/^mapping: is not JSON/);
    expect((await send({ sourceSystem: '12345', mapping: '{"colour":"红"}' })).statusCode).toBe(400);
    expect((await send({ sourceSystem: '12345', coordinateSystem: 'EPSG:9999' })).json().message).toMatch(/coordinateSystem/);
    const missing = await dryRun('缺列.xlsx', await exportWorkbook(['编号甲', '时间乙'], [['1', '2026-01-01']]));
    expect(missing.report.errors.map((problem) => problem.text)).toEqual([
      '缺列.xlsx!1: 受理时间: no column is mapped to 受理时间 (reportedAt); choose one', '缺列.xlsx!1: 问题类别: no column is mapped to 问题类别 (category); choose one',
    ]);
    const commander = await signIn(app, 'commander');
    expect((await sendImport(app, commander, { name: 'x.xlsx', bytes }, { kind: 'problems', sourceSystem: '12345' })).statusCode).toBe(403);
  });
});


import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { IssueList, PerformanceList, Rankings } from '../../server/schemas/contract.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { buildTestApp, signIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';

/** The dispatcher's filtered list, every problem of it, as a file, on each database. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 6000);
    app = await buildTestApp({ store: district.openStore(), now: () => TEST_NOW, rateLimits: UNLIMITED });
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  /** Every problem the list pages through for a query, newest first, by code. */
  const listed = async (query: string, headers?: Record<string, string>) => {
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await app.inject({ url: `/api/districts/qingchuan/issues?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`, headers })).json() as IssueList;
      codes.push(...page.items.map((issue) => issue.code));
      cursor = page.nextCursor;
    } while (cursor);
    return codes;
  };

  it('writes the whole list as CSV that Excel reads in Chinese: a BOM, the header, each problem in the list\'s order', async () => {
    const response = await app.inject('/api/districts/qingchuan/exports/problems.csv?state=closed,in_progress');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toMatch(/青川区问题清单2026-11-20\.csv/);
    const text = response.rawPayload.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    expect(header!.slice(0, 4)).toEqual(['问题编号', '问题来源', '问题大类', '问题类别']);
    const expected = await listed('state=closed,in_progress');
    // More than a page of the export's own (2,000), so its paging is in the test.
    expect(expected.length).toBeGreaterThan(2000);
    expect(rows.map((row) => row[0])).toEqual(expected);
    expect(new Set(rows.map((row) => row[header!.indexOf('状态')]))).toEqual(new Set(['已销号', '整改中']));
  });

  it('writes an xlsx with a sheet that says what was exported, when and by whom', async () => {
    const response = await app.inject('/api/districts/qingchuan/exports/problems.xlsx?overdue=true&grid=B07');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('问题清单')!;
    const expected = await listed('overdue=true&grid=B07');
    expect(expected.length).toBeGreaterThan(0);
    expect(sheet.getColumn(1).values.slice(2)).toEqual(expected);
    const about = Object.fromEntries((workbook.getWorksheet('导出说明')!.getSheetValues().slice(1) as string[][]).map((row) => [row[1], row[2]]));
    expect(about).toMatchObject({ 导出时间: '2026-11-20 15:00', 问题数: String(expected.length), 只看超期: 'true', 网格: 'B07' });
  });

  it('exports for a department its own problems only, as its list shows them', async () => {
    const department = await signIn(app, 'department');
    const response = await app.inject({ url: '/api/districts/qingchuan/exports/problems.csv?state=assigned,in_progress', headers: department.headers });
    const rows = (parse(response.rawPayload.toString('utf8').slice(1)) as string[][]).slice(1);
    expect(rows.map((row) => row[0])).toEqual(await listed('state=assigned,in_progress', department.headers));
    expect(new Set(rows.map((row) => row[11])).size).toBe(1);
  });

  it('refuses a filter it cannot read, naming it', async () => {
    const response = await app.inject('/api/districts/qingchuan/exports/problems.csv?state=lost');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^state: /);
  });

  it('writes a window\'s performance and 红黑榜 as the API answers them, for the monthly assessment', async () => {
    const query = 'unit=department&from=2026-10-01&to=2026-10-31';
    const response = await app.inject(`/api/districts/qingchuan/exports/performance.xlsx?${query}`);
    expect(response.statusCode).toBe(200);
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toMatch(/责任部门绩效与红黑榜2026-10-01至2026-10-31\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const performance = (await app.inject(`/api/districts/qingchuan/performance?${query}`)).json() as PerformanceList;
    const rankings = (await app.inject(`/api/districts/qingchuan/rankings?${query}`)).json() as Rankings;
    const sheet = workbook.getWorksheet('责任部门绩效')!;
    const header = Array.from(sheet.getRow(1).values as string[]);
    const rows = (sheet.getSheetValues().slice(2) as unknown[][]).map((row) => Object.fromEntries(header.flatMap((name, index) => (name ? [[name, row[index]]] : []))));
    expect(rows).toHaveLength(performance.rows.length);
    for (const expected of performance.rows) {
      const row = rows.find((each) => each['编码'] === expected.unit.key)!;
      expect(row).toMatchObject({ 责任部门: expected.unit.name, 应整改数: expected.due, 已销号数: expected.closed, 超期未整改数: expected.overdueOpen });
      expect(row['整改率%'] ?? null).toEqual(expected.rectificationRate);
      expect(row['排名'] ?? null).toEqual(expected.rank);
    }
    const listed = (workbook.getWorksheet('红黑榜')!.getSheetValues().slice(2) as unknown[][]).map((row) => [row[1], row[2]]);
    expect(listed).toEqual([...rankings.red.map((row) => ['红榜', row.unit.key]), ...rankings.black.map((row) => ['黑榜', row.unit.key])]);
    expect(rankings.red.length + rankings.black.length).toBeGreaterThan(0);
  });
});

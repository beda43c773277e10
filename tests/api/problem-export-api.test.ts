import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { IssueList } from '../../server/schemas/contract.ts';
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
});

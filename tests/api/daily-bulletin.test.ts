import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueList, PerformanceList, ScoringSettingsResponse } from '../../server/schemas/contract.ts';
import type { Store } from '../../server/store/store.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { addDays, chinaDay, firstOfMonth } from '../../server/domain/china-time.ts';
import { bulletinDocx } from '../../server/bulletins/bulletin-docx.ts';
import { bulletinWorkbook } from '../../server/bulletins/bulletin-workbook.ts';
import { bulletinPdf } from '../../server/bulletins/bulletin-pdf.ts';
import { dailyBulletin } from '../../server/bulletins/daily-bulletin.ts';
import { gatherDailyFigures, workingDaysOverdue } from '../../server/bulletins/daily-figures.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { hasRow, ONE_PIXEL_PNG, readDocx, readPdf, readXlsx } from '../support/office-files.ts';

const DISTRICT = '/api/districts/qingchuan';
/** A stand-in for the map, which tests/api/bulletin-map.test.ts checks. */
const TEST_MAP = { data: ONE_PIXEL_PNG, type: 'png' as const, widthMillimetres: 100, heightMillimetres: 80 };
type Row = PerformanceList['rows'][number];

/** A 日通报 says what the dashboard says: its figures read back out of the Word and Excel files equal the API's for the same windows. */
describe.each(DIALECTS)('the 日通报 on %s', (dialect) => {
  let district: TestDistrict;
  let store: Store;
  let app: TestApp;
  let leader: SignedIn;
  const day = addDays(chinaDay(TEST_NOW), -1);

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 3000);
    store = district.openStore();
    app = await buildTestApp({ store, now: () => TEST_NOW, rateLimits: UNLIMITED });
    leader = await signIn(app, 'leader');
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const performance = async (unit: string, from: string, to: string) =>
    ((await app.inject({ method: 'GET', url: `${DISTRICT}/performance?unit=${unit}&from=${from}&to=${to}`, headers: leader.headers })).json() as PerformanceList).rows;
  const rate = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  const cells = (row: Row) => [row.newIssues, row.closed, row.due, rate(row.rectificationRate), rate(row.onTimeRate), row.overdueOpen];
  const asText = (values: ReadonlyArray<number | null>) => values.map((value) => (value === null ? '—' : String(value)));
  const row0 = (rows: Row[]) => rows[0]!;

  it('gives the district\'s, every street\'s and every department\'s figures as /api/performance does, in Word, PDF and Excel', async () => {
    const content = dailyBulletin(await gatherDailyFigures(store.repositories, DEMO_DISTRICT, day, TEST_NOW), TEST_MAP, { number: 7, year: 2026, issuedOn: chinaDay(TEST_NOW), corrects: null });
    const word = readDocx(await bulletinDocx(content));
    const sheets = [...(await readXlsx(await bulletinWorkbook(content))).values()];

    const [dayRow] = await performance('district', day, day);
    const [periodRow] = await performance('district', firstOfMonth(day), day);
    const streets = await performance('street', firstOfMonth(day), day);
    const departments = await performance('department', firstOfMonth(day), day);
    expect(periodRow!.due).toBeGreaterThan(0);
    expect(periodRow!.overdueOpen).toBeGreaterThan(0);

    const [districtTable, streetTable, departmentTable] = word.tables;
    expect(districtTable!.slice(1).map((row) => row.slice(1))).toEqual([asText(cells(dayRow!)), asText(cells(periodRow!))]);
    expect(streetTable!.slice(1)).toEqual(streets.map((row) => [row.unit.name, ...asText(cells(row))]));
    expect(departmentTable!.slice(1)).toEqual(departments.map((row) => [row.unit.name, ...asText(cells(row))]));
    expect(sheets[0]!.slice(1).map((row) => row.slice(1, 7).map((value) => value ?? null))).toEqual([cells(dayRow!), cells(periodRow!)]);
    expect(sheets[1]!.slice(1)).toEqual(streets.map((row) => [row.unit.name, ...cells(row)].map((value) => value ?? undefined)));
    expect(sheets[2]!.length).toBe(departments.length + 1);

    // The PDF's text, as a viewer extracts it, holds the same rows.
    const pdf = (await readPdf(await bulletinPdf(content))).flat();
    expect(hasRow(pdf, ['本期（11月1日至11月19日）', ...asText(cells(periodRow!))])).toBe(true);
    for (const row of [...streets, ...departments]) expect(hasRow(pdf, [row.unit.name, ...asText(cells(row))]), row.unit.name).toBe(true);
    expect(hasRow(pdf, [row0(departments).unit.name, '-1'])).toBe(false);

    // The summary paragraph states the same numbers in words.
    const summary = word.paragraphs.find((text) => text.includes('全区累计新发现问题'))!;
    expect(summary).toContain(`全区累计新发现问题${periodRow!.newIssues}件，应整改${periodRow!.due}件，已整改销号${periodRow!.closed}件`);
    expect(summary).toContain(`整改率${rate(periodRow!.rectificationRate)}%，按期整改率${rate(periodRow!.onTimeRate)}%；截至通报时，超期未整改${periodRow!.overdueOpen}件`);
  });

  it('lists every problem overdue by more than five working days, the longest first, as the problem list has them', async () => {
    const figures = await gatherDailyFigures(store.repositories, DEMO_DISTRICT, day, TEST_NOW);
    const listed = (await app.inject({ method: 'GET', url: `${DISTRICT}/issues?state=assigned,in_progress&overdue=true&limit=1000`, headers: leader.headers })).json() as IssueList;
    expect(listed.total).toBeLessThan(1000);
    const expected = listed.items.filter((issue) => workingDaysOverdue(Date.parse(issue.deadlineAt!), TEST_NOW) > 5).map((issue) => issue.code).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(figures.longOverdue.map((problem) => problem.code).sort()).toEqual(expected);
    const days = figures.longOverdue.map((problem) => problem.workingDaysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));

    const word = readDocx(await bulletinDocx(dailyBulletin(figures, TEST_MAP, { number: 7, year: 2026, issuedOn: chinaDay(TEST_NOW), corrects: null })));
    const listTable = word.tables.at(-1)!;
    expect(listTable.slice(1).map((row) => row[1])).toEqual(figures.longOverdue.map((problem) => problem.code));
  });

  it('is laid out as an official document: masthead, issue number, the office and date, page numbers, the imprint', async () => {
    const figures = await gatherDailyFigures(store.repositories, DEMO_DISTRICT, day, TEST_NOW);
    const word = readDocx(await bulletinDocx(dailyBulletin(figures, TEST_MAP, { number: 12, year: 2026, issuedOn: '2026-11-20', corrects: { year: 2026, number: 11, title: '前一期' } })));
    expect(word.paragraphs.slice(0, 3)).toEqual(['创城工作日通报', '2026年第12期', '青川区创建全国文明城市指挥部办公室2026年11月20日']);
    expect(word.paragraphs.slice(3, 5)).toEqual(['青川区创城问题整改情况日通报', '（2026年11月19日）']);
    expect(word.paragraphs[5]).toContain('本期更正2026年第11期《前一期》');
    expect(word.paragraphs.at(-1)).toBe('青川区创建全国文明城市指挥部办公室2026年11月20日印发');
    expect(word.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(word.xml).toContain('w:eastAsia="方正小标宋简体"');
    // Odd pages are numbered at the right, even pages at the left, as "— N —".
    expect(word.footers).toHaveLength(2);
    for (const footer of word.footers) expect(footer).toMatch(/— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —/s);
    expect(word.footers.map((footer) => /<w:jc w:val="(\w+)"/.exec(footer)?.[1]).sort()).toEqual(['left', 'right']);

    // The PDF carries its fonts (subsets, embedded) and numbers its pages the same way.
    const pdfBytes = await bulletinPdf(dailyBulletin(figures, TEST_MAP, { number: 12, year: 2026, issuedOn: '2026-11-20', corrects: null }));
    const pages = await readPdf(pdfBytes);
    expect(pages[0]!.slice(0, 3)).toEqual(['创城工作日通报', '2026年第12期', '青川区创建全国文明城市指挥部办公室']);
    expect(pages.map((runs) => runs.at(-1))).toEqual(pages.map((_, index) => `— ${index + 1} —`));
    const raw = pdfBytes.toString('latin1');
    expect(raw.match(/\/FontFile3/g)?.length).toBe(3);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKsc-Regular/);
  });
  it('lists one by one the problems overdue beyond the office\'s own threshold, set with the scoring settings', async () => {
    const admin = await signIn(app, 'admin');
    const current = (await app.inject({ method: 'GET', url: `${DISTRICT}/settings/scoring`, headers: admin.headers })).json() as ScoringSettingsResponse;
    expect(current.settings.longOverdueWorkingDays).toBe(5);
    const put = (longOverdueWorkingDays: number) => app.inject({
      method: 'PUT', url: `${DISTRICT}/settings/scoring`, headers: admin.headers, payload: { settings: { ...current.settings, longOverdueWorkingDays }, note: '日通报只列超期较久的问题' },
    });
    expect((await put(-1)).statusCode).toBe(400);
    const listed = (await app.inject({ method: 'GET', url: `${DISTRICT}/issues?state=assigned,in_progress&overdue=true&limit=1000`, headers: leader.headers })).json() as IssueList;
    const daysOverdue = listed.items.map((issue) => ({ code: issue.code, days: workingDaysOverdue(Date.parse(issue.deadlineAt!), TEST_NOW) }));
    // A threshold in the middle of what the problems are overdue by, so that it leaves some out.
    const threshold = daysOverdue.map((each) => each.days).sort((a, b) => a - b)[Math.floor(daysOverdue.length / 2)]!;
    expect(threshold).toBeGreaterThan(5);
    expect((await put(threshold)).statusCode).toBe(200);
    const figures = await gatherDailyFigures(store.repositories, DEMO_DISTRICT, day, TEST_NOW);
    const beyond = daysOverdue.filter((each) => each.days > threshold).map((each) => each.code).sort();
    expect(beyond.length).toBeLessThan(daysOverdue.filter((each) => each.days > 5).length);
    expect(figures.longOverdue.map((problem) => problem.code).sort()).toEqual(beyond);
    const word = readDocx(await bulletinDocx(dailyBulletin(figures, TEST_MAP, { number: 8, year: 2026, issuedOn: chinaDay(TEST_NOW), corrects: null })));
    expect(word.paragraphs).toContain(`五、超期${threshold}个工作日以上未整改问题`);
    expect((await put(5)).statusCode).toBe(200);
  });
});

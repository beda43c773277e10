import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin, GridCollection, PerformanceList, Rankings } from '../../server/schemas/contract.ts';
import type { Store } from '../../server/store/store.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { chinaDay } from '../../server/domain/china-time.ts';
import { ESCALATION_NAMES } from '../../server/export/performance-workbook.ts';
import { resolveBulletinPeriod } from '../../server/bulletins/bulletin-period.ts';
import { bulletinDocx } from '../../server/bulletins/bulletin-docx.ts';
import { bulletinPdf } from '../../server/bulletins/bulletin-pdf.ts';
import { bulletinWorkbook } from '../../server/bulletins/bulletin-workbook.ts';
import { gradeColour, gridMapSvg } from '../../server/bulletins/grid-map.ts';
import { mappedGrids } from '../../server/bulletins/compose-bulletin.ts';
import { periodBulletin } from '../../server/bulletins/period-bulletin.ts';
import { gatherPeriodFigures, RANKED_KINDS } from '../../server/bulletins/period-figures.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { docxImages, hasRow, ONE_PIXEL_PNG, readDocx, readPdf, readXlsx } from '../support/office-files.ts';

const DISTRICT = '/api/districts/qingchuan';
/** A stand-in for the map, which the last test here checks. */
const TEST_MAP = { data: ONE_PIXEL_PNG, type: 'png' as const, widthMillimetres: 100, heightMillimetres: 80 };
type Row = PerformanceList['rows'][number];

/** A 周通报 or 月通报 says what the dashboard says: its rankings, 红黑榜 and trend read back out of its files equal the API's for the same days. */
describe.each(DIALECTS)('the 周通报 and 月通报 on %s', (dialect) => {
  let district: TestDistrict;
  let store: Store;
  let app: TestApp;
  let leader: SignedIn;
  let commander: SignedIn;
  const today = chinaDay(TEST_NOW);

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 3000);
    store = district.openStore();
    app = await buildTestApp({ store, now: () => TEST_NOW, rateLimits: UNLIMITED });
    [leader, commander] = [await signIn(app, 'leader'), await signIn(app, 'commander')];
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const get = async <T>(url: string) => {
    const response = await app.inject({ method: 'GET', url: `${DISTRICT}${url}`, headers: leader.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };
  const rounded = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  const text = (value: string | number | null) => (value === null ? '—' : String(value));
  const byRank = (a: Row, b: Row) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.key.localeCompare(b.unit.key);

  it('ranks grids, leaders and departments and lists the 红黑榜 with each run and escalation, as /api/performance and /api/rankings do, in Word, PDF and Excel', async () => {
    const period = resolveBulletinPeriod('monthly', {}, today);
    expect([period.firstDay, period.lastDay, period.previousFirstDay, period.previousLastDay]).toEqual(['2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30']);
    const content = periodBulletin(await gatherPeriodFigures(store.repositories, DEMO_DISTRICT, 'monthly', period, TEST_NOW), TEST_MAP, { number: 3, year: 2026, issuedOn: today, corrects: null });
    const word = readDocx(await bulletinDocx(content));
    const sheets = [...(await readXlsx(await bulletinWorkbook(content))).values()];
    const pdf = (await readPdf(await bulletinPdf(content))).flat();
    const window = (from: string, to: string) => `from=${from}&to=${to}`;
    const current = window(period.firstDay, period.lastDay);

    // The district against the week before.
    const [now] = (await get<PerformanceList>(`/performance?unit=district&${current}`)).rows;
    const [before] = (await get<PerformanceList>(`/performance?unit=district&${window(period.previousFirstDay, period.previousLastDay)}`)).rows;
    const districtCells = (row: Row) => [row.newIssues, row.closed, row.due, rounded(row.rectificationRate), rounded(row.onTimeRate), rounded(row.composite)].map(text);
    expect(word.tables[0]!.slice(1, 3).map((row) => row.slice(1))).toEqual([districtCells(now!), districtCells(before!)]);
    const change = now!.newIssues - before!.newIssues;
    expect(word.tables[0]![3]![1]).toBe(change > 0 ? `+${change}` : String(change));
    expect(word.paragraphs.find((paragraph) => paragraph.startsWith('本月'))).toContain(`全区新发现问题${now!.newIssues}件，应整改${now!.due}件，已整改销号${now!.closed}件`);

    let rankedUnits = 0;
    let blackListed = 0;
    for (const [index, kind] of RANKED_KINDS.entries()) {
      const rows = (await get<PerformanceList>(`/performance?unit=${kind}&${current}`)).rows.sort(byRank);
      const previous = new Map((await get<PerformanceList>(`/performance?unit=${kind}&${window(period.previousFirstDay, period.previousLastDay)}`)).rows.map((row) => [row.unit.key, row.rank]));
      const move = (row: Row) => {
        const earlier = previous.get(row.unit.key) ?? null;
        if (row.rank === null || earlier === null) return '—';
        return earlier === row.rank ? '持平' : earlier > row.rank ? `↑${earlier - row.rank}` : `↓${row.rank - earlier}`;
      };
      const expected = rows.map((row) => [row.rank ?? '样本不足', row.unit.name, rounded(row.composite), row.grade, rounded(row.rectificationRate), rounded(row.onTimeRate),
        row.due, row.closed, row.overdueOpen, move(row)].map(text));
      expect(word.tables[1 + index]!.slice(1), kind).toEqual(expected);
      expect(sheets[1 + index]!.length, kind).toBe(rows.length + 1);
      rankedUnits += rows.filter((row) => row.rank !== null).length;

      const rankings = await get<Rankings>(`/rankings?unit=${kind}&${current}`);
      const listRow = (list: string, listed: Rankings['red'][number]) => {
        const streak = list === '黑榜' ? rankings.consecutiveBlack[listed.unit.key] : undefined;
        return [list, listed.unit.name, listed.rank, rounded(listed.composite), rounded(listed.rectificationRate), rounded(listed.onTimeRate),
          streak?.periods ?? null, streak?.escalation ? ESCALATION_NAMES[streak.escalation] : null].map(text);
      };
      const listTable = word.tables.find((table) => table[0]![1] === word.tables[1 + index]![0]![1] && table[0]![0] === '榜');
      expect(listTable!.slice(1), kind).toEqual([...rankings.red.map((listed) => listRow('红榜', listed)), ...rankings.black.map((listed) => listRow('黑榜', listed))]);
      for (const listed of rankings.black) expect(hasRow(pdf, listRow('黑榜', listed)), listed.unit.name).toBe(true);
      blackListed += rankings.black.length;
    }
    expect(rankedUnits).toBeGreaterThan(0);
    expect(blackListed).toBeGreaterThan(0);
  });

  it('is issued as its own series: the last whole month by default, or a week, a month or chosen days; never one not yet over', async () => {
    const issue = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `${DISTRICT}/bulletins`, headers: commander.headers, payload });
    const monthly = await issue({ series: 'monthly' });
    expect(monthly.statusCode, monthly.body).toBe(201);
    expect(monthly.json()).toMatchObject({ series: 'monthly', number: 1, firstDay: '2026-10-01', lastDay: '2026-10-31', title: '青川区创城问题整改情况月通报' });
    const word = readDocx((await app.inject({ method: 'GET', url: (monthly.json() as Bulletin).files.docx!, headers: commander.headers })).rawPayload);
    expect(word.paragraphs.slice(0, 5)).toEqual(['创城工作月通报', '2026年第1期', `青川区创建全国文明城市指挥部办公室${'2026年11月20日'}`, '青川区创城问题整改情况月通报', '（2026年10月）']);

    const weekly = await issue({ series: 'weekly', date: '2026-11-04' });
    expect(weekly.json()).toMatchObject({ series: 'weekly', number: 1, firstDay: '2026-11-02', lastDay: '2026-11-08' });
    const chosen = await issue({ series: 'weekly', from: '2026-11-10', to: '2026-11-19', draft: true });
    expect(chosen.json()).toMatchObject({ number: null, firstDay: '2026-11-10', lastDay: '2026-11-19' });
    // A correction that names no days covers the corrected one's.
    const correction = await issue({ series: 'weekly', corrects: (weekly.json() as Bulletin).id });
    expect(correction.json()).toMatchObject({ number: 2, firstDay: '2026-11-02', lastDay: '2026-11-08', correctsId: (weekly.json() as Bulletin).id });

    // A draft's PDF is shown in the browser when asked, under the same name.
    const preview = await app.inject({ method: 'GET', url: `${(chosen.json() as Bulletin).files.pdf!}?view=inline`, headers: commander.headers });
    expect(preview.headers['content-disposition']).toMatch(/^inline; filename="bulletin-\d+\.pdf"/);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect((await app.inject({ method: 'GET', url: `${(chosen.json() as Bulletin).files.pdf!}?view=open`, headers: commander.headers })).statusCode).toBe(400);

    const before = (await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins?drafts=true`, headers: commander.headers })).json();
    for (const [payload, field] of [
      [{ series: 'weekly', date: '2026-11-18' }, 'date'],
      [{ series: 'monthly', date: '2026-11-01' }, 'date'],
      [{ series: 'weekly', from: '2026-11-10' }, 'to'],
      [{ series: 'weekly', from: '2026-11-10', to: '2026-11-21' }, 'to'],
      [{ series: 'weekly', from: '2026-11-10', to: '2026-11-01' }, 'to'],
      [{ series: 'monthly', date: '2026-11-02', from: '2026-10-01', to: '2026-10-02' }, 'date'],
      [{ series: 'daily', from: '2026-10-01', to: '2026-10-02' }, 'from'],
      [{ series: 'weekly', corrects: (monthly.json() as Bulletin).id }, 'corrects'],
    ] as const) {
      const refused = await issue(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().message, JSON.stringify(payload)).toContain(field);
    }
    expect((await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins?drafts=true`, headers: commander.headers })).json()).toEqual(before);
  });

  it('carries the map of grids coloured as the map page colours them for the same days, at print resolution', async () => {
    const issued = (await app.inject({ method: 'POST', url: `${DISTRICT}/bulletins`, headers: commander.headers, payload: { series: 'monthly', draft: true } })).json() as Bulletin;
    const grids = await get<GridCollection>(`/grids?from=${issued.firstDay}&to=${issued.lastDay}`);
    const grades = new Map(grids.features.map((grid) => [grid.id, grid.properties.performance.grade]));
    expect(new Set(grades.values()).size).toBeGreaterThan(2);

    // Each grid is filled with its grade's colour, as on the map page.
    const { grids: mapped, thresholds } = await mappedGrids(store.repositories, grades, TEST_NOW);
    const svg = gridMapSvg(mapped, thresholds);
    const fills = new Map([...svg.matchAll(/data-code="([^"]+)" d="[^"]*" fill="#([0-9a-f]{6})"/g)].map((match) => [match[1], match[2]]));
    expect(fills.size).toBe(grids.features.length);
    for (const grid of grids.features) {
      expect(fills.get(grid.id), grid.id).toBe(gradeColour(grid.properties.performance.grade).map((value) => value.toString(16).padStart(2, '0')).join(''));
    }
    expect(svg).toContain(`A 级（≥${thresholds.A}）`);

    // The Word file carries it as a PNG 156 mm wide at 300 dpi, painted in those colours.
    const [png] = docxImages((await app.inject({ method: 'GET', url: issued.files.docx!, headers: commander.headers })).rawPayload);
    const { data, info } = await sharp(png!).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(1843);
    const painted = new Set<string>();
    for (let offset = 0; offset < data.length; offset += 3) painted.add(`${data[offset]},${data[offset + 1]},${data[offset + 2]}`);
    for (const grade of new Set(grades.values())) expect(painted.has(gradeColour(grade).join(',')), String(grade)).toBe(true);
  });
});

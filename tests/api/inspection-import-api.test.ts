import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { distance } from '@turf/turf';
import type { Department, GridCollection, InspectionImportAnswer, InspectionPointSummary } from '../../server/schemas/contract.ts';
import { type SignedIn, type TestApp } from '../support/test-app.ts';
import { DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { closeAdministeredDistrict, openAdministeredDistrict, sendImport } from '../support/imports.ts';
import { gridInteriors, toGcj02 } from '../support/problem-exports.ts';

/** The 测评 handbook's points and the rounds that scored them, from the office's workbook, on each database. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let admin: SignedIn;
  let interiors: Map<string, [number, number]>;
  let departments: Department[];

  beforeAll(async () => {
    ({ district, app, admin } = await openAdministeredDistrict(dialect, 300));
    interiors = gridInteriors((await app.inject('/api/districts/qingchuan/grids')).json() as GridCollection);
    departments = (await app.inject('/api/districts/qingchuan/departments')).json() as Department[];
  });
  afterAll(() => closeAdministeredDistrict({ district, app }));

  const workbookOf = async (bytes: Uint8Array) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    return workbook;
  };
  const exported = async () => workbookOf((await app.inject('/api/districts/qingchuan/exports/inspection-points.xlsx')).rawPayload);
  const dryRun = async (workbook: ExcelJS.Workbook, fields: Record<string, string> = {}) => {
    const response = await sendImport(app, admin, { name: '点位.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) }, { kind: 'points', ...fields });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as InspectionImportAnswer;
  };
  const sheets = (points: unknown[][], rounds: unknown[][]) => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('点位').addRows([['点位名称', '点位类型', '经度', '纬度', '所属网格', '责任单位', '责任人'], ...points]);
    workbook.addWorksheet('测评').addRows([['点位名称', '测评日期', '测评方', '观测项数', '不合格项数', '得分率', '结论'], ...rounds]);
    return workbook;
  };
  const apply = (id: string) => app.inject({ method: 'POST', url: `/api/imports/${id}/apply`, headers: admin.headers, payload: { acceptWarnings: false } });
  const counts = async () => ({ points: await district.scalar('SELECT count(*) FROM inspection_points'), evaluations: await district.scalar('SELECT count(*) FROM field_evaluations') });

  it('offers a template with both sheets, an example row in each and notes', async () => {
    const workbook = await workbookOf((await app.inject({ url: '/api/imports/templates/inspection-points.xlsx', headers: admin.headers })).rawPayload);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['点位', '测评', '说明']);
    expect((workbook.getWorksheet('测评')!.getRow(1).values as string[]).slice(1)).toEqual(['点位名称', '测评日期', '测评方', '观测项数', '不合格项数', '得分率', '结论']);
    expect(workbook.getWorksheet('点位')!.rowCount).toBe(2);
  });

  it('exports the points and their rounds in the import form: imported again, it changes nothing', async () => {
    const before = await counts();
    const answer = await dryRun(await exported());
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.changes).toEqual({ pointsAdded: [], pointsChanged: [], pointsUnchanged: before.points, evaluationsAdded: 0, evaluationsAlreadyHeld: before.evaluations });
    expect((await apply(answer.id)).statusCode).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it('adds a point given in GCJ-02 to the grid it lies in, with its rounds, and a new round of a point the district has', async () => {
    const existing = String((await exported()).getWorksheet('点位')!.getRow(2).getCell(1).value);
    const [longitude, latitude] = toGcj02(interiors.get('B07')!);
    // A sheet of the new point alone, in GCJ-02 as picked on AMap; points the sheet leaves out keep what they have.
    const workbook = sheets([['青川菜市场', '集贸市场', longitude, latitude, '', departments[0]!.name, '王芳']],
      [['青川菜市场', '2026-10-15', '第三方', 20, 5, '', ''], ['青川菜市场', '2026-11-10', '区级', 20, 12, '', ''], [existing, '2026-11-18', '市级', 10, 1, 90, '合格']]);
    const before = await counts();
    const answer = await dryRun(workbook, { coordinateSystem: 'GCJ-02' });
    expect(answer.report.errors).toEqual([]);
    expect(answer.report.changes).toMatchObject({ pointsAdded: ['青川菜市场'], pointsChanged: [], evaluationsAdded: 3 });
    expect(await counts()).toEqual(before);
    expect((await apply(answer.id)).statusCode).toBe(200);
    expect(await counts()).toEqual({ points: before.points + 1, evaluations: before.evaluations + 3 });
    const points = (await app.inject('/api/districts/qingchuan/inspection-points?grid=B07')).json() as InspectionPointSummary[];
    const market = points.find((point) => point.name === '青川菜市场')!;
    expect(market.type.code).toBe('market');
    expect(distance(interiors.get('B07')!, [market.longitude, market.latitude], { units: 'meters' })).toBeLessThan(1);
    // The latest round: 8 of 20 items passed, 40% — 严重不合格 by the rule the notes state.
    expect(market.latestEvaluation).toMatchObject({ evaluatedOn: '2026-11-10', evaluatorKind: 'district', scoreRate: 40, verdict: 'serious_fail' });
  });

  it('names every problem as 工作表!行: 列: 问题 and applies nothing while any remains', async () => {
    const workbook = await exported();
    const points = workbook.getWorksheet('点位')!;
    const [longitude, latitude] = interiors.get('B03')!;
    points.addRow(['甲', '游乐场', longitude, latitude, '', departments[0]!.name, '某']);
    points.addRow(['乙', '公园', longitude, latitude, 'B04', departments[0]!.name, '某']);
    points.addRow(['丙', '公园', longitude, latitude, '', '区不存在局', '某']);
    points.addRow(['丁', '公园', 13_380_000, 3_540_000, '', departments[0]!.name, '某']);
    const rows = points.rowCount;
    const rounds = workbook.getWorksheet('测评')!;
    rounds.addRow(['无此点', '2026-10-01', '第三方', 10, 1, '', '']);
    rounds.addRow([String(points.getRow(2).getCell(1).value), '2026-13-01', '第三方', 10, 1, '', '']);
    rounds.addRow([String(points.getRow(2).getCell(1).value), '2026-10-02', '省级', 10, 1, '', '']);
    rounds.addRow([String(points.getRow(2).getCell(1).value), '2026-10-03', '第三方', 10, 11, '', '']);
    const last = rounds.rowCount;
    const before = await counts();
    const answer = await dryRun(workbook);
    expect(answer.report.errors.map((problem) => problem.text)).toEqual([
      `点位!${rows - 3}: 点位类型: '游乐场' is not one of the 26 point types of the 测评体系操作手册 (see the notes sheet)`,
      `测评!${last - 2}: 测评日期: '2026-13-01' is not a date (2026-03-01)`,
      `测评!${last - 1}: 测评方: '省级' is none of 第三方、市级、区级`,
      `测评!${last}: 不合格项数: '11' is not a whole number from 0 to the items observed`,
      `点位!${rows - 2}: 所属网格: the point's position lies in grid B03, not B04`,
      `点位!${rows - 1}: 责任单位: no department named 区不存在局 in the district`,
      expect.stringMatching(new RegExp(`^点位!${rows}: 经度: 13380000, 3540000 in EPSG:4326 is not in China`)),
      `测评!${last - 3}: 点位名称: no point named 无此点 in the sheet 点位 or the district`,
    ]);
    const refused = await apply(answer.id);
    expect(refused.json()).toMatchObject({ statusCode: 409, code: 'import_has_errors' });
    expect(await counts()).toEqual(before);
  });
});

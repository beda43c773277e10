import { INSPECTION_POINT_TYPES } from '../domain/inspection-point-types.ts';
import { EVALUATION_VERDICTS, EVALUATOR_KINDS, verdictForScoreRate, type EvaluationVerdict, type EvaluatorKind } from '../domain/issue-vocabulary.ts';
import { chinaDay } from '../domain/china-time.ts';
import { coordinateOf, instantOf } from './problem-mapping.ts';
import { firstListing, namedSheetRows, openWorkbook, writeWorkbook, type SheetProblem } from './workbook-sheets.ts';

/**
 * The inspection point workbook: the district's 测评点位 from the 测评体系操作手册 (type, name,
 * position, responsible unit and person) and the 测评 rounds that scored them (point, date,
 * evaluator, items observed and failed, 得分率, verdict). The template, the export and the import
 * share its form.
 */
export const INSPECTION_SHEETS = {
  points: { name: '点位', columns: ['点位名称', '点位类型', '经度', '纬度', '所属网格', '责任单位', '责任人'] },
  evaluations: { name: '测评', columns: ['点位名称', '测评日期', '测评方', '观测项数', '不合格项数', '得分率', '结论'] },
} as const;

export const EVALUATOR_NAMES: Record<EvaluatorKind, string> = { third_party: '第三方', city: '市级', district: '区级' };
export const VERDICT_NAMES: Record<EvaluationVerdict, string> = { pass: '合格', fail: '不合格', serious_fail: '严重不合格' };

export interface WorkbookPoint {
  row: number;
  name: string;
  typeCode: string;
  /** As the sheet gives them, in the coordinate system the import declares. */
  x: number;
  y: number;
  /** The grid the office says the point is in; checked against its position. */
  gridCode: string | null;
  department: string;
  person: string;
}

export interface WorkbookEvaluation {
  row: number;
  point: string;
  evaluatedOn: string;
  evaluatorKind: EvaluatorKind;
  itemsObserved: number;
  itemsFailed: number;
  scoreRate: number;
  verdict: EvaluationVerdict;
}

export interface InspectionWorkbook {
  points: WorkbookPoint[];
  evaluations: WorkbookEvaluation[];
}

const typeByName = new Map<string, string>(INSPECTION_POINT_TYPES.map((type) => [type.name, type.code]));
const evaluatorByName = new Map(EVALUATOR_KINDS.map((kind) => [EVALUATOR_NAMES[kind], kind]));
const verdictByName = new Map(EVALUATION_VERDICTS.map((verdict) => [VERDICT_NAMES[verdict], verdict]));

/** Reads both sheets; faults of form (missing sheets, columns, values out of their vocabulary) come back beside what could be read. */
export async function readInspectionWorkbook(bytes: Uint8Array): Promise<{ workbook: InspectionWorkbook; problems: SheetProblem[] }> {
  const workbook = await openWorkbook(bytes);
  const problems: SheetProblem[] = [];
  const read: InspectionWorkbook = { points: [], evaluations: [] };

  const pointsSheet = INSPECTION_SHEETS.points.name;
  const pointSeen = firstListing(problems);
  for (const { row, cells } of namedSheetRows(workbook, INSPECTION_SHEETS.points, problems)) {
    const fault = (column: string, problem: string) => problems.push({ sheet: pointsSheet, row, column, problem });
    const name = cells['点位名称']!;
    const typeCode = typeByName.get(cells['点位类型']!);
    const x = coordinateOf(cells['经度']);
    const y = coordinateOf(cells['纬度']);
    if (!name) fault('点位名称', 'empty');
    else if (!typeCode) fault('点位类型', `'${cells['点位类型']}' is not one of the 26 point types of the 测评体系操作手册 (see the notes sheet)`);
    else if (x === undefined) fault('经度', cells['经度'] ? `'${cells['经度']}' is not a number` : 'empty: every point needs its position');
    else if (y === undefined) fault('纬度', cells['纬度'] ? `'${cells['纬度']}' is not a number` : 'empty: every point needs its position');
    else if (!cells['责任单位']) fault('责任单位', 'empty');
    else if (!cells['责任人']) fault('责任人', 'empty');
    else if (pointSeen(pointsSheet, row, '点位名称', name)) {
      read.points.push({ row, name, typeCode, x, y, gridCode: cells['所属网格'] || null, department: cells['责任单位']!, person: cells['责任人']! });
    }
  }

  const evaluationsSheet = INSPECTION_SHEETS.evaluations.name;
  const roundSeen = firstListing(problems);
  for (const { row, cells } of namedSheetRows(workbook, INSPECTION_SHEETS.evaluations, problems)) {
    const fault = (column: string, problem: string) => problems.push({ sheet: evaluationsSheet, row, column, problem });
    const day = instantOf(cells['测评日期']);
    const evaluatorKind = evaluatorByName.get(cells['测评方']!);
    const itemsObserved = Number(cells['观测项数']);
    const itemsFailed = Number(cells['不合格项数']);
    const givenRate = cells['得分率']!.replace(/%$/, '');
    const scoreRate = givenRate === '' ? Math.round(((itemsObserved - itemsFailed) / itemsObserved) * 10_000) / 100 : Number(givenRate);
    const verdict = cells['结论'] ? verdictByName.get(cells['结论']) : verdictForScoreRate(scoreRate);
    if (!cells['点位名称']) fault('点位名称', 'empty');
    else if (day === undefined) fault('测评日期', `'${cells['测评日期']}' is not a date (2026-03-01)`);
    else if (!evaluatorKind) fault('测评方', `'${cells['测评方']}' is none of ${[...evaluatorByName.keys()].join('、')}`);
    else if (!Number.isInteger(itemsObserved) || itemsObserved < 1) fault('观测项数', `'${cells['观测项数']}' is not a whole number above 0`);
    else if (!Number.isInteger(itemsFailed) || itemsFailed < 0 || itemsFailed > itemsObserved) fault('不合格项数', `'${cells['不合格项数']}' is not a whole number from 0 to the items observed`);
    else if (!Number.isFinite(scoreRate) || scoreRate < 0 || scoreRate > 100) fault('得分率', `'${cells['得分率']}' is not a rate from 0 to 100`);
    else if (!verdict) fault('结论', `'${cells['结论']}' is none of ${[...verdictByName.keys()].join('、')}`);
    else if (roundSeen(evaluationsSheet, row, '点位名称', `${cells['点位名称']} ${chinaDay(day)} ${cells['测评方']}`)) {
      read.evaluations.push({ row, point: cells['点位名称']!, evaluatedOn: chinaDay(day), evaluatorKind, itemsObserved, itemsFailed, scoreRate, verdict });
    }
  }
  return { workbook: read, problems };
}

const NOTES = [
  '这是创城网格一张图的测评点位导入表。请保留工作表名称和第一行表头，从第二行起填写，每行一条。',
  `点位：点位名称在本区内唯一；点位类型为《测评体系操作手册》的 26 类之一：${INSPECTION_POINT_TYPES.map((type) => type.name).join('、')}。`,
  '经度、纬度按导入时选择的坐标系填写（默认 WGS84/CGCS2000）。所属网格可不填，按位置自动确定；填写时须与位置一致。责任单位须是已导入的部门。已有的点位按名称更新。',
  `测评：每个点位每次测评一行。测评方为${Object.values(EVALUATOR_NAMES).join('、')}；得分率可不填，按（观测项数−不合格项数）÷观测项数计算；结论可不填，按得分率确定（70% 及以上合格，50% 以下严重不合格）。同一点位、日期、测评方已导入的跳过。`,
  '导入前会先试运行，列出每一处问题（工作表!行: 列: 问题）和将发生的变化；有问题时不会导入任何内容。',
];

/** The template (null: an example row in each sheet) or the district's points and evaluations. */
export async function inspectionWorkbook(content: Omit<InspectionWorkbook, 'points'> & { points: Array<Omit<WorkbookPoint, 'row'>> } | null): Promise<Uint8Array> {
  const typeName = new Map<string, string>(INSPECTION_POINT_TYPES.map((type) => [type.code, type.name]));
  return writeWorkbook([
    {
      definition: INSPECTION_SHEETS.points,
      rows: content === null ? [['武林广场', '公共广场', 120.1655, 30.2745, '', '区城市管理局', '李明']]
        : content.points.map((point) => [point.name, typeName.get(point.typeCode)!, point.x, point.y, point.gridCode ?? '', point.department, point.person]),
    },
    {
      definition: INSPECTION_SHEETS.evaluations,
      rows: content === null ? [['武林广场', '2026-03-15', '第三方', 12, 3, 75, '合格']]
        : content.evaluations.map((evaluation) => [evaluation.point, evaluation.evaluatedOn, EVALUATOR_NAMES[evaluation.evaluatorKind],
          evaluation.itemsObserved, evaluation.itemsFailed, evaluation.scoreRate, VERDICT_NAMES[evaluation.verdict]]),
    },
  ], NOTES);
}

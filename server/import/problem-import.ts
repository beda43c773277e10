import type { ProblemRecord } from '../domain/problem-record.ts';
import { createHash } from 'node:crypto';
import { pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { createGridLookup } from '../domain/grid-lookup.ts';
import type { GridKind } from '../domain/grid-lookup.ts';
import { ISSUE_STATES, type IssueSource, type IssueState } from '../domain/issue-vocabulary.ts';
import { deadlineFrom, type DeadlineRule } from '../domain/working-time.ts';
import { coordinateSystem, guessSystem, isInChina, toWgs84 } from './coordinate-systems.ts';
import { ImportFileError } from './import-errors.ts';
import {
  acceptedStateWords, cellText, coordinateOf, deadlineOf, guessProblemMapping, instantOf, PROBLEM_FIELDS, REQUIRED_PROBLEM_FIELDS, stateOf,
  type ProblemColumnMapping, type ProblemField,
} from './problem-mapping.ts';
import { csvEncoding, problemFileFormat, problemFileRows, type CellValue } from './problem-rows.ts';
import { leafCategoryFinder } from '../domain/category-names.ts';

/**
 * A problem export read, row by row, into problems ready to add: each row's category,
 * department, state and times resolved against the district, its position converted to WGS84
 * and given its grid (or, without coordinates, placed in the grid its code names). Rows whose
 * source id is already in the file or already imported are skipped and counted; a row that
 * cannot be read is reported as `文件!行: 列: 问题`, and any such row blocks applying.
 */

export interface ProblemImportOptions {
  /** The system the export comes from (12345, 数字城管): a source id is unique within it. */
  sourceSystem: string;
  /** Where the problems came from in the office's terms (市民热线 is citizen_report). */
  issueSource: IssueSource;
  /** The coordinates' system; omitted, WGS84. GCJ-02 and BD-09 as AMap's and Baidu's pickers give them. */
  coordinateSystem?: string;
  /** Columns chosen by the user; omitted, the mapping saved for the source system, else guessed. */
  mapping?: ProblemColumnMapping;
}

export interface ProblemImportDistrict {
  now: number;
  categories: ReadonlyArray<{ id: number; code: string; name: string; parentCode: string | null; deadline: DeadlineRule | null }>;
  departments: ReadonlyArray<{ id: number; name: string }>;
  /** The grids in force, with their ids. */
  grids: ReadonlyArray<{ id: number; code: string; kind: GridKind; geometry: Polygon | MultiPolygon }>;
  savedMapping: ProblemColumnMapping | null;
  /** Of these source ids, the ones already imported from the source system. */
  alreadyImported(references: string[]): Promise<string[]>;
}

/**
 * One row as it will be added: everything resolved to ids and instants; the import's origin and
 * the history its times attest make it the problem every source's problems are written as.
 */
export type ImportedProblem = Pick<ProblemRecord, 'categoryId' | 'description' | 'address' | 'longitude' | 'latitude' | 'gridId' | 'state'
  | 'departmentId' | 'reportedAt' | 'assignedAt' | 'deadlineAt' | 'rectifiedAt' | 'closedAt' | 'voidedAt'> & {
  row: number;
  sourceReference: string;
};

export interface RowProblem {
  /** The file, where a workbook names its sheet. */
  sheet: string;
  row: number;
  column: string;
  problem: string;
  text: string;
}

export interface ProblemImportReport {
  file: { name: string; format: 'xlsx' | 'csv'; bytes: number; sha256: string; encoding?: string };
  sourceSystem: string;
  issueSource: IssueSource;
  coordinateSystem: { code: string; name: string };
  columns: string[];
  mapping: ProblemColumnMapping;
  mappingFrom: 'declared' | 'saved' | 'guessed';
  rows: {
    total: number;
    ready: number;
    duplicatesInFile: number;
    alreadyImported: number;
    placedByGridCode: number;
    withErrors: number;
  };
  states: Record<IssueState, number>;
  reportedBetween: { first: number; last: number } | null;
  /** The first rows that cannot be read; `rows.withErrors` counts them all. */
  errors: RowProblem[];
}

/** Enough to correct a file by; a file wrong in every row does not need 100,000 lines of it. */
export const LISTED_ROW_PROBLEMS = 1000;
/** The earliest time a problem can have been reported: older rows are misread dates. */
const EARLIEST_REPORT = Date.UTC(2000, 0, 1);

const FIELD_NAMES: Record<ProblemField, string> = {
  sourceId: '工单编号', reportedAt: '受理时间', category: '问题类别', description: '问题描述', address: '地址',
  longitude: '经度', latitude: '纬度', state: '状态', department: '承办单位', deadline: '办理时限', closedAt: '办结时间', gridCode: '网格编码',
};

export async function prepareProblemImport(
  file: { name: string; bytes: Uint8Array },
  options: ProblemImportOptions,
  district: ProblemImportDistrict,
  stage: (problems: ImportedProblem[]) => Promise<void>,
): Promise<ProblemImportReport> {
  const system = coordinateSystem(options.coordinateSystem ?? 'EPSG:4326');
  if (!system) throw new ImportFileError(`coordinateSystem: '${options.coordinateSystem}' is not a coordinate system we know`);
  const format = problemFileFormat(file.name, file.bytes);
  const report: ProblemImportReport = {
    file: {
      name: file.name, format, bytes: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex'),
      ...(format === 'csv' ? { encoding: csvEncoding(file.bytes) } : {}),
    },
    sourceSystem: options.sourceSystem, issueSource: options.issueSource,
    coordinateSystem: { code: system.code, name: system.name },
    columns: [], mapping: {}, mappingFrom: 'guessed',
    rows: { total: 0, ready: 0, duplicatesInFile: 0, alreadyImported: 0, placedByGridCode: 0, withErrors: 0 },
    states: Object.fromEntries(ISSUE_STATES.map((state) => [state, 0])) as Record<IssueState, number>,
    reportedBetween: null, errors: [],
  };
  const problem = (row: number, column: string, text: string) => {
    report.rows.withErrors += row > 1 ? 1 : 0;
    if (report.errors.length < LISTED_ROW_PROBLEMS) report.errors.push({ sheet: file.name, row, column, problem: text, text: `${file.name}!${row}: ${column}: ${text}` });
  };

  const rows = problemFileRows(file.name, file.bytes);
  const header = await rows.next();
  if (header.done) throw new ImportFileError('the file has no rows');
  report.columns = header.value.cells.map((cell, index) => cellText(cell) || `列${index + 1}`);
  // A saved mapping serves while the system's exports keep their header; a changed header is guessed afresh.
  const saved = district.savedMapping && Object.values(district.savedMapping).every((column) => report.columns.includes(column!)) ? district.savedMapping : null;
  const chosen = options.mapping ?? saved;
  report.mapping = chosen ? Object.fromEntries(Object.entries(chosen).filter(([, column]) => column)) : guessProblemMapping(report.columns);
  report.mappingFrom = options.mapping ? 'declared' : saved ? 'saved' : 'guessed';
  for (const [field, column] of Object.entries(report.mapping) as Array<[ProblemField, string]>) {
    if (!report.columns.includes(column)) problem(1, column, `the column mapped to ${FIELD_NAMES[field]} (${field}) is not in the header`);
  }
  for (const field of REQUIRED_PROBLEM_FIELDS) {
    if (!report.mapping[field]) problem(1, FIELD_NAMES[field], `no column is mapped to ${FIELD_NAMES[field]} (${field}); choose one`);
  }
  if (report.errors.length > 0) return report;

  const position = Object.fromEntries(PROBLEM_FIELDS.map((field) => [field, report.mapping[field] ? report.columns.indexOf(report.mapping[field]!) : -1])) as Record<ProblemField, number>;
  const resolve = rowResolver(district, system.code);
  const seen = new Set<string>();
  let batch: ImportedProblem[] = [];
  const flush = async () => {
    const already = new Set(await district.alreadyImported(batch.map((entry) => entry.sourceReference)));
    const fresh = batch.filter((entry) => !already.has(entry.sourceReference));
    report.rows.alreadyImported += batch.length - fresh.length;
    for (const entry of fresh) {
      report.rows.ready += 1;
      report.states[entry.state] += 1;
      const between = report.reportedBetween ??= { first: entry.reportedAt, last: entry.reportedAt };
      between.first = Math.min(between.first, entry.reportedAt);
      between.last = Math.max(between.last, entry.reportedAt);
    }
    if (fresh.length > 0) await stage(fresh);
    batch = [];
  };

  for await (const { row, cells } of rows) {
    if (cells.every((cell) => cellText(cell) === '')) continue;
    report.rows.total += 1;
    const cell = (field: ProblemField): CellValue | undefined => (position[field] >= 0 ? cells[position[field]] : undefined);
    const resolved = resolve(row, cell);
    if ('fault' in resolved) {
      problem(row, report.mapping[resolved.field] ?? FIELD_NAMES[resolved.field], resolved.fault);
      continue;
    }
    if (seen.has(resolved.problem.sourceReference)) {
      report.rows.duplicatesInFile += 1;
      continue;
    }
    seen.add(resolved.problem.sourceReference);
    if (resolved.placedByGridCode) report.rows.placedByGridCode += 1;
    batch.push(resolved.problem);
    if (batch.length >= 2000) await flush();
  }
  await flush();
  return report;
}

type Resolved = { problem: ImportedProblem; placedByGridCode: boolean } | { field: ProblemField; fault: string };

/** Reads one row into a problem, or names the first thing wrong with it. */
function rowResolver(district: ProblemImportDistrict, systemCode: string) {
  const categoryOf = leafCategoryFinder(district.categories);
  const departmentByName = new Map(district.departments.map((department) => [department.name, department.id]));
  const gridByCode = new Map(district.grids.map((grid) => [grid.code, grid]));
  const lookup = createGridLookup(district.grids);
  const gridCentre = new Map<string, [number, number]>();
  const centreOf = (code: string) => {
    let centre = gridCentre.get(code);
    if (!centre) gridCentre.set(code, centre = pointOnFeature(gridByCode.get(code)!.geometry).geometry.coordinates as [number, number]);
    return centre;
  };
  const convert = toWgs84(systemCode);
  const fail = (field: ProblemField, fault: string): Resolved => ({ field, fault });

  return (row: number, cell: (field: ProblemField) => CellValue | undefined): Resolved => {
    const sourceReference = cellText(cell('sourceId'));
    if (sourceReference === '') return fail('sourceId', 'empty: every problem needs its id in the source system');
    if (sourceReference.length > 100) return fail('sourceId', 'longer than 100 characters');

    const reportedAt = instantOf(cell('reportedAt'));
    if (reportedAt === undefined) return fail('reportedAt', `'${cellText(cell('reportedAt'))}' is not a date and time (2026-03-01 08:30)`);
    if (reportedAt < EARLIEST_REPORT) return fail('reportedAt', `${cellText(cell('reportedAt'))} is before 2000: a misread date`);
    if (reportedAt > district.now) return fail('reportedAt', 'is in the future');

    const categoryText = cellText(cell('category'));
    const category = categoryOf(categoryText);
    if (!category) return fail('category', categoryText === '' ? 'empty' : `'${categoryText}' is not one of the district's categories (by code or name)`);

    const stateText = cellText(cell('state'));
    const departmentText = cellText(cell('department'));
    const closedText = cellText(cell('closedAt'));
    const closedValue = instantOf(cell('closedAt'));
    if (closedText !== '' && closedValue === undefined) return fail('closedAt', `'${closedText}' is not a date and time`);
    let state: IssueState | undefined;
    if (stateText !== '') {
      state = stateOf(stateText);
      if (!state) return fail('state', `'${stateText}' is not a state we know (${acceptedStateWords().slice(0, 12).join('、')} …)`);
    } else {
      state = closedValue !== undefined ? 'closed' : departmentText !== '' ? 'assigned' : 'reported';
    }
    if (closedValue !== undefined && (closedValue < reportedAt || closedValue > district.now)) {
      return fail('closedAt', closedValue < reportedAt ? 'is before the problem was reported' : 'is in the future');
    }
    if ((state === 'closed' || state === 'rectified') && closedValue === undefined) {
      return fail('closedAt', `a problem ${stateText || state} needs the time it was ${state === 'closed' ? 'closed' : 'rectified'}`);
    }

    let departmentId: number | null = null;
    if (departmentText !== '') {
      departmentId = departmentByName.get(departmentText) ?? null;
      if (departmentId === null) return fail('department', `'${departmentText}' is not one of the district's departments`);
    } else if (state === 'assigned' || state === 'in_progress' || state === 'rectified') {
      return fail('department', `a problem ${stateText || state} needs the department it is with`);
    }
    const assignedAt = departmentId === null ? null : reportedAt;
    let deadlineAt: number | null = null;
    if (assignedAt !== null) {
      const deadlineText = cellText(cell('deadline'));
      const deadline = deadlineText === '' ? undefined : deadlineOf(cell('deadline'));
      if (deadlineText !== '' && !deadline) return fail('deadline', `'${deadlineText}' is neither a date and time nor a span such as 5个工作日`);
      if (deadline && 'at' in deadline && deadline.at < assignedAt) return fail('deadline', 'is before the problem was reported');
      const rule = deadline && 'rule' in deadline ? deadline.rule : category.deadline;
      deadlineAt = deadline && 'at' in deadline ? deadline.at : rule ? deadlineFrom(assignedAt, rule) : null;
    }

    const longitudeValue = coordinateOf(cell('longitude'));
    const latitudeValue = coordinateOf(cell('latitude'));
    const longitudeText = cellText(cell('longitude'));
    const latitudeText = cellText(cell('latitude'));
    if (longitudeText !== '' && longitudeValue === undefined) return fail('longitude', `'${longitudeText}' is not a number`);
    if (latitudeText !== '' && latitudeValue === undefined) return fail('latitude', `'${latitudeText}' is not a number`);
    const gridText = cellText(cell('gridCode'));
    let longitude: number;
    let latitude: number;
    let gridCode: string | null;
    let placedByGridCode = false;
    if (longitudeValue !== undefined && latitudeValue !== undefined) {
      const converted = convert([longitudeValue, latitudeValue]);
      if (!converted.every(Number.isFinite) || !isInChina(converted)) {
        return fail('longitude', `${longitudeValue}, ${latitudeValue} in ${systemCode} is not in China: ${guessSystem([longitudeValue, latitudeValue]).reason}`);
      }
      [longitude, latitude] = converted as [number, number];
      gridCode = lookup(longitude, latitude);
      if (gridCode === null) {
        return fail('longitude', `${longitudeValue}, ${latitudeValue} lies in none of the district's grids (are the coordinates ${systemCode}?)`);
      }
    } else if (longitudeValue !== undefined || latitudeValue !== undefined) {
      return fail(longitudeValue === undefined ? 'longitude' : 'latitude', 'empty while the other coordinate is given');
    } else if (gridText !== '') {
      if (!gridByCode.has(gridText)) return fail('gridCode', `'${gridText}' is not a grid in force`);
      gridCode = gridText;
      [longitude, latitude] = centreOf(gridText);
      placedByGridCode = true;
    } else {
      return fail('longitude', 'no coordinates and no grid code: the problem cannot be placed');
    }

    const description = cellText(cell('description')) || category.name;
    const rectifiedAt = state === 'closed' || state === 'rectified' ? closedValue! : null;
    return {
      placedByGridCode,
      problem: {
        row, sourceReference, categoryId: category.id,
        description: description.slice(0, 2000), address: cellText(cell('address')).slice(0, 500),
        longitude, latitude, gridId: gridByCode.get(gridCode)!.id,
        state, departmentId, reportedAt, assignedAt, deadlineAt, rectifiedAt,
        closedAt: state === 'closed' ? closedValue! : null,
        voidedAt: state === 'void' ? closedValue ?? reportedAt : null,
      },
    };
  };
}

import type { MultiPolygon, Polygon } from 'geojson';
import { createGridLookup, type GridKind } from '../domain/grid-lookup.ts';
import { coordinateSystem, guessSystem, isInChina, toWgs84 } from './coordinate-systems.ts';
import { ImportFileError } from './import-errors.ts';
import { INSPECTION_SHEETS, type InspectionWorkbook, type WorkbookEvaluation } from './inspection-workbook.ts';
import type { SheetProblem } from './workbook-sheets.ts';

/**
 * An inspection point workbook checked against the district: each point's position converted
 * to WGS84 and given its grid (which must agree with the grid the sheet names, if any), its unit
 * found among the departments; each evaluation's point found in the sheet or the district. What
 * applying would change: points added or changed (by name), evaluations added, and those the
 * district has already (same point, day and evaluator) skipped.
 */

export interface ExistingPoint {
  id: number;
  name: string;
  typeCode: string;
  gridCode: string;
  longitude: number;
  latitude: number;
  department: string;
  person: string;
}

export interface InspectionDistrict {
  departments: ReadonlyArray<{ id: number; name: string }>;
  grids: ReadonlyArray<{ id: number; code: string; kind: GridKind; geometry: Polygon | MultiPolygon }>;
  points: readonly ExistingPoint[];
  /** `point name|day|evaluator` of every evaluation the district holds. */
  evaluationKeys: ReadonlySet<string>;
}

export interface PointWrite {
  /** The point's id when it exists (it is updated), null for a new one. */
  id: number | null;
  name: string;
  typeCode: string;
  gridId: number;
  longitude: number;
  latitude: number;
  departmentId: number;
  person: string;
}

export type EvaluationWrite = Omit<WorkbookEvaluation, 'row'>;

export interface InspectionChanges {
  pointsAdded: string[];
  pointsChanged: string[];
  pointsUnchanged: number;
  evaluationsAdded: number;
  evaluationsAlreadyHeld: number;
}

/** Positions agree within this: a point exported and imported again has moved by rounding only. */
const SAME_POSITION_DEGREES = 1e-7;

export function checkInspectionImport(read: InspectionWorkbook, district: InspectionDistrict, systemCode = 'EPSG:4326'): {
  problems: SheetProblem[]; writes: { points: PointWrite[]; evaluations: EvaluationWrite[] }; changes: InspectionChanges;
} {
  const system = coordinateSystem(systemCode);
  if (!system) throw new ImportFileError(`coordinateSystem: '${systemCode}' is not a coordinate system we know`);
  const convert = toWgs84(system.code);
  const lookup = createGridLookup(district.grids);
  const gridByCode = new Map(district.grids.map((grid) => [grid.code, grid]));
  const departmentByName = new Map(district.departments.map((department) => [department.name, department.id]));
  const existing = new Map(district.points.map((point) => [point.name, point]));
  const problems: SheetProblem[] = [];
  const changes: InspectionChanges = { pointsAdded: [], pointsChanged: [], pointsUnchanged: 0, evaluationsAdded: 0, evaluationsAlreadyHeld: 0 };
  const points: PointWrite[] = [];

  for (const point of read.points) {
    const fault = (column: string, problem: string) => problems.push({ sheet: INSPECTION_SHEETS.points.name, row: point.row, column, problem });
    const position = convert([point.x, point.y]);
    if (!position.every(Number.isFinite) || !isInChina(position)) {
      fault('经度', `${point.x}, ${point.y} in ${system.code} is not in China: ${guessSystem([point.x, point.y]).reason}`);
      continue;
    }
    const [longitude, latitude] = position as [number, number];
    const gridCode = lookup(longitude, latitude);
    const departmentId = departmentByName.get(point.department);
    if (gridCode === null) fault('经度', `${point.x}, ${point.y} lies in none of the district's grids (are the coordinates ${system.code}?)`);
    else if (point.gridCode !== null && !gridByCode.has(point.gridCode)) fault('所属网格', `'${point.gridCode}' is not a grid in force`);
    else if (point.gridCode !== null && point.gridCode !== gridCode) fault('所属网格', `the point's position lies in grid ${gridCode}, not ${point.gridCode}`);
    else if (departmentId === undefined) fault('责任单位', `no department named ${point.department} in the district`);
    else {
      const before = existing.get(point.name);
      const write = { id: before?.id ?? null, name: point.name, typeCode: point.typeCode, gridId: gridByCode.get(gridCode)!.id, longitude, latitude, departmentId, person: point.person };
      if (!before) changes.pointsAdded.push(point.name);
      else if (before.typeCode !== point.typeCode || before.gridCode !== gridCode || before.department !== point.department || before.person !== point.person
        || Math.abs(before.longitude - longitude) > SAME_POSITION_DEGREES || Math.abs(before.latitude - latitude) > SAME_POSITION_DEGREES) {
        changes.pointsChanged.push(point.name);
      } else {
        changes.pointsUnchanged += 1;
        continue;
      }
      points.push(write);
    }
  }

  const named = new Set([...read.points.map((point) => point.name), ...existing.keys()]);
  const evaluations: EvaluationWrite[] = [];
  for (const { row, ...evaluation } of read.evaluations) {
    if (!named.has(evaluation.point)) {
      problems.push({ sheet: INSPECTION_SHEETS.evaluations.name, row, column: '点位名称', problem: `no point named ${evaluation.point} in the sheet ${INSPECTION_SHEETS.points.name} or the district` });
    } else if (district.evaluationKeys.has(`${evaluation.point}|${evaluation.evaluatedOn}|${evaluation.evaluatorKind}`)) {
      changes.evaluationsAlreadyHeld += 1;
    } else {
      changes.evaluationsAdded += 1;
      evaluations.push(evaluation);
    }
  }
  return { problems, writes: { points, evaluations }, changes };
}

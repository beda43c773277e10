import type { Database } from 'better-sqlite3';
import type { FieldEvaluation, InspectionPointDetail, InspectionPointSummary } from '../schemas/contract.ts';
import type { InspectionPointRepository } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';

interface PointRow {
  id: number;
  name: string;
  typeCode: string;
  typeName: string;
  gridCode: string;
  gridName: string;
  longitude: number;
  latitude: number;
  departmentId: number;
  departmentName: string;
  responsiblePerson: string;
  evaluationId: number | null;
}

const EVALUATION_COLUMNS = `id, evaluated_on AS evaluatedOn, evaluator_kind AS evaluatorKind, items_observed AS itemsObserved,
  items_failed AS itemsFailed, score_rate AS scoreRate, verdict`;

export function createInspectionPointRepository(database: Database): Synchronous<InspectionPointRepository> {
  // The latest evaluation of each point: by date, then by insertion for evaluations on the same day.
  const pointSelect = `SELECT p.id, p.name, t.code AS typeCode, t.name AS typeName, g.code AS gridCode, g.name AS gridName,
      p.longitude, p.latitude, d.id AS departmentId, d.name AS departmentName, p.responsible_person AS responsiblePerson,
      (SELECT e.id FROM field_evaluations e WHERE e.point_id = p.id ORDER BY e.evaluated_on DESC, e.id DESC LIMIT 1) AS evaluationId
    FROM inspection_points p
    JOIN inspection_point_types t ON t.id = p.type_id
    JOIN grids g ON g.id = p.grid_id
    JOIN departments d ON d.id = p.responsible_department_id`;
  const statements = {
    list: database.prepare(`${pointSelect}
      WHERE (@gridCode IS NULL OR g.code = @gridCode) AND (@typeCode IS NULL OR t.code = @typeCode) ORDER BY p.id`),
    byId: database.prepare(`${pointSelect} WHERE p.id = @id`),
    evaluation: database.prepare(`SELECT ${EVALUATION_COLUMNS} FROM field_evaluations WHERE id = @id`),
    evaluations: database.prepare(`SELECT ${EVALUATION_COLUMNS} FROM field_evaluations WHERE point_id = @pointId ORDER BY evaluated_on, id`),
    typeExists: database.prepare('SELECT EXISTS (SELECT 1 FROM inspection_point_types WHERE code = @code)').pluck(),
  };

  const toSummary = (row: PointRow): InspectionPointSummary => ({
    id: row.id,
    name: row.name,
    type: { code: row.typeCode, name: row.typeName },
    grid: { code: row.gridCode, name: row.gridName },
    longitude: row.longitude,
    latitude: row.latitude,
    responsibleDepartment: { id: row.departmentId, name: row.departmentName },
    responsiblePerson: row.responsiblePerson,
    latestEvaluation: row.evaluationId === null ? null : (statements.evaluation.get({ id: row.evaluationId }) as FieldEvaluation),
  });

  return {
    list(filters: { gridCode?: string; typeCode?: string }): InspectionPointSummary[] {
      const rows = statements.list.all({ gridCode: filters.gridCode ?? null, typeCode: filters.typeCode ?? null }) as PointRow[];
      return rows.map(toSummary);
    },

    get(id: number): InspectionPointDetail | undefined {
      const row = statements.byId.get({ id }) as PointRow | undefined;
      if (!row) return undefined;
      return { ...toSummary(row), evaluations: statements.evaluations.all({ pointId: id }) as FieldEvaluation[] };
    },

    typeExists(code: string): boolean {
      return statements.typeExists.get({ code }) === 1;
    },
  };
}

import type { FieldEvaluation, InspectionPointSummary } from '../schemas/contract.ts';
import type { InspectionPointRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';

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
  latestEvaluation: FieldEvaluation | null;
}

export function createInspectionPointRepository(sql: Queryable): InspectionPointRepository {
  const evaluationColumns = sql`e.id, e.evaluated_on AS "evaluatedOn", e.evaluator_kind AS "evaluatorKind", e.items_observed AS "itemsObserved",
    e.items_failed AS "itemsFailed", e.score_rate AS "scoreRate", e.verdict`;
  // The latest evaluation comes as JSON in the same row; its day is text there, as the API speaks it.
  const pointSelect = sql`SELECT p.id, p.name, t.code AS "typeCode", t.name AS "typeName", g.code AS "gridCode", g.name AS "gridName",
      p.longitude, p.latitude, d.id AS "departmentId", d.name AS "departmentName", p.responsible_person AS "responsiblePerson",
      (SELECT json_build_object('id', e.id, 'evaluatedOn', e.evaluated_on, 'evaluatorKind', e.evaluator_kind, 'itemsObserved', e.items_observed,
          'itemsFailed', e.items_failed, 'scoreRate', e.score_rate, 'verdict', e.verdict)
        FROM field_evaluations e WHERE e.point_id = p.id ORDER BY e.evaluated_on DESC, e.id DESC LIMIT 1) AS "latestEvaluation"
    FROM inspection_points p
    JOIN inspection_point_types t ON t.id = p.type_id
    JOIN grids g ON g.id = p.grid_id
    JOIN departments d ON d.id = p.responsible_department_id`;

  const toSummary = (row: PointRow): InspectionPointSummary => ({
    id: row.id,
    name: row.name,
    type: { code: row.typeCode, name: row.typeName },
    grid: { code: row.gridCode, name: row.gridName },
    longitude: row.longitude,
    latitude: row.latitude,
    responsibleDepartment: { id: row.departmentId, name: row.departmentName },
    responsiblePerson: row.responsiblePerson,
    latestEvaluation: row.latestEvaluation,
  });

  return {
    async list({ gridCode, typeCode }) {
      const rows = await sql<PointRow[]>`${pointSelect}
        WHERE ${gridCode === undefined ? sql`true` : sql`g.code = ${gridCode}`} AND ${typeCode === undefined ? sql`true` : sql`t.code = ${typeCode}`}
        ORDER BY p.id`;
      return rows.map(toSummary);
    },

    async get(id) {
      const [row] = await sql<PointRow[]>`${pointSelect} WHERE p.id = ${id}`;
      if (!row) return undefined;
      const evaluations = await sql<FieldEvaluation[]>`SELECT ${evaluationColumns} FROM field_evaluations e WHERE e.point_id = ${id} ORDER BY e.evaluated_on, e.id`;
      return { ...toSummary(row), evaluations: [...evaluations] };
    },

    async typeExists(code) {
      const [row] = await sql<{ exists: boolean }[]>`SELECT EXISTS (SELECT 1 FROM inspection_point_types WHERE code = ${code})`;
      return row!.exists;
    },
  };
}

import type { FieldEvaluation, InspectionPointSummary } from '../schemas/contract.ts';
import type { InspectionPointRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';
import type { EvaluationWrite, ExistingPoint } from '../import/inspection-import.ts';

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

    async forImport() {
      const points = await sql<ExistingPoint[]>`SELECT p.id, p.name, t.code AS "typeCode", g.code AS "gridCode", p.longitude, p.latitude,
          d.name AS department, p.responsible_person AS person
        FROM inspection_points p JOIN inspection_point_types t ON t.id = p.type_id JOIN grids g ON g.id = p.grid_id
          JOIN departments d ON d.id = p.responsible_department_id
        ORDER BY p.id`;
      const keys = await sql<{ key: string }[]>`SELECT p.name || '|' || to_char(e.evaluated_on, 'YYYY-MM-DD') || '|' || e.evaluator_kind AS key
        FROM field_evaluations e JOIN inspection_points p ON p.id = e.point_id`;
      return { points: [...points], evaluationKeys: keys.map((row) => row.key) };
    },

    async evaluations() {
      return [...await sql<EvaluationWrite[]>`SELECT p.name AS point, to_char(e.evaluated_on, 'YYYY-MM-DD') AS "evaluatedOn", e.evaluator_kind AS "evaluatorKind",
          e.items_observed AS "itemsObserved", e.items_failed AS "itemsFailed", e.score_rate AS "scoreRate", e.verdict
        FROM field_evaluations e JOIN inspection_points p ON p.id = e.point_id ORDER BY e.evaluated_on, e.id`];
    },

    async applyImport({ points, evaluations }) {
      for (const point of points) {
        const type = sql`(SELECT id FROM inspection_point_types WHERE code = ${point.typeCode})`;
        if (point.id === null) {
          await sql`INSERT INTO inspection_points (name, type_id, grid_id, longitude, latitude, responsible_department_id, responsible_person)
            VALUES (${point.name}, ${type}, ${point.gridId}, ${point.longitude}, ${point.latitude}, ${point.departmentId}, ${point.person})`;
        } else {
          await sql`UPDATE inspection_points SET name = ${point.name}, type_id = ${type}, grid_id = ${point.gridId}, longitude = ${point.longitude},
              latitude = ${point.latitude}, responsible_department_id = ${point.departmentId}, responsible_person = ${point.person}
            WHERE id = ${point.id}`;
        }
      }
      // Names are the workbook's identity for points; the first point of a name, should two share one.
      for (const evaluation of evaluations) {
        await sql`INSERT INTO field_evaluations (point_id, evaluated_on, evaluator_kind, items_observed, items_failed, score_rate, verdict)
          VALUES ((SELECT min(id) FROM inspection_points WHERE name = ${evaluation.point}), ${evaluation.evaluatedOn}, ${evaluation.evaluatorKind},
            ${evaluation.itemsObserved}, ${evaluation.itemsFailed}, ${evaluation.scoreRate}, ${evaluation.verdict})`;
      }
    },
  };
}

import type { Database } from 'better-sqlite3';
import type { FieldEvaluation, InspectionPointDetail, InspectionPointSummary } from '../schemas/contract.ts';
import type { InspectionPointRepository } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';
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
    importPoints: database.prepare(`SELECT p.id, p.name, t.code AS typeCode, g.code AS gridCode, p.longitude, p.latitude, d.name AS department,
        p.responsible_person AS person
      FROM inspection_points p JOIN inspection_point_types t ON t.id = p.type_id JOIN grids g ON g.id = p.grid_id
        JOIN departments d ON d.id = p.responsible_department_id
      ORDER BY p.id`),
    evaluationKeys: database.prepare(`SELECT p.name || '|' || e.evaluated_on || '|' || e.evaluator_kind
      FROM field_evaluations e JOIN inspection_points p ON p.id = e.point_id`).pluck(),
    allEvaluations: database.prepare(`SELECT p.name AS point, e.evaluated_on AS evaluatedOn, e.evaluator_kind AS evaluatorKind,
        e.items_observed AS itemsObserved, e.items_failed AS itemsFailed, e.score_rate AS scoreRate, e.verdict
      FROM field_evaluations e JOIN inspection_points p ON p.id = e.point_id ORDER BY e.evaluated_on, e.id`),
    insertPoint: database.prepare(`INSERT INTO inspection_points (name, type_id, grid_id, longitude, latitude, responsible_department_id, responsible_person)
      VALUES (@name, (SELECT id FROM inspection_point_types WHERE code = @typeCode), @gridId, @longitude, @latitude, @departmentId, @person)`),
    updatePoint: database.prepare(`UPDATE inspection_points SET name = @name, type_id = (SELECT id FROM inspection_point_types WHERE code = @typeCode),
        grid_id = @gridId, longitude = @longitude, latitude = @latitude, responsible_department_id = @departmentId, responsible_person = @person
      WHERE id = @id`),
    // Names are the workbook's identity for points; the first point of a name, should two share one.
    insertEvaluation: database.prepare(`INSERT INTO field_evaluations (point_id, evaluated_on, evaluator_kind, items_observed, items_failed, score_rate, verdict)
      VALUES ((SELECT min(id) FROM inspection_points WHERE name = @point), @evaluatedOn, @evaluatorKind, @itemsObserved, @itemsFailed, @scoreRate, @verdict)`),
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

    forImport() {
      return { points: statements.importPoints.all() as ExistingPoint[], evaluationKeys: statements.evaluationKeys.all() as string[] };
    },

    evaluations() {
      return statements.allEvaluations.all() as EvaluationWrite[];
    },

    applyImport({ points, evaluations }) {
      for (const point of points) (point.id === null ? statements.insertPoint : statements.updatePoint).run(point);
      for (const evaluation of evaluations) statements.insertEvaluation.run(evaluation);
    },
  };
}

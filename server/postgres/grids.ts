import type { GridBaseProperties, GridDetail } from '../schemas/contract.ts';
import type { GridDetailWithoutPerformance, GridFeatureWithoutPerformance, GridRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';
import { presentByUnit } from './performance.ts';

interface GridRow {
  id: number;
  code: string;
  name: string;
  kind: 'block' | 'strip';
  streetId: number;
  streetName: string;
  areaSquareMetres: number;
  leaderId: number;
  leaderName: string;
  leaderTitle: string;
  geometry: GridFeatureWithoutPerformance['geometry'];
}
type DepartmentRow = { gridId: number; id: number; name: string; role: GridBaseProperties['departments'][number]['role'] };
type CountRow = { unitId: number; openIssues: number; overdueOpen: number };

export function createGridRepository(sql: Queryable): GridRepository {
  const gridColumns = sql`g.id, g.code, g.name, g.kind, g.street_id AS "streetId", s.name AS "streetName",
    g.area_square_metres AS "areaSquareMetres", l.id AS "leaderId", l.name AS "leaderName", l.title AS "leaderTitle", g.geometry
    FROM grids g JOIN streets s ON s.id = g.street_id JOIN leaders l ON l.id = g.leader_id`;

  const toProperties = (row: GridRow, departments: DepartmentRow[], counts: CountRow | undefined): GridBaseProperties => ({
    code: row.code,
    name: row.name,
    kind: row.kind,
    street: { id: row.streetId, name: row.streetName },
    areaSquareMetres: Math.round(row.areaSquareMetres),
    leader: { id: row.leaderId, name: row.leaderName, title: row.leaderTitle },
    departments: departments.map(({ id, name, role }) => ({ id, name, role })),
    openIssues: counts?.openIssues ?? 0,
    overdueIssues: counts?.overdueOpen ?? 0,
  });

  async function departmentsByGrid(): Promise<Map<number, DepartmentRow[]>> {
    const rows = await sql<DepartmentRow[]>`SELECT gd.grid_id AS "gridId", d.id, d.name, gd.role
      FROM grid_departments gd JOIN departments d ON d.id = gd.department_id
      ORDER BY gd.grid_id, CASE gd.role WHEN 'lead' THEN 0 WHEN 'territorial' THEN 1 ELSE 2 END, d.id`;
    const byGrid = new Map<number, DepartmentRow[]>();
    for (const row of rows) byGrid.set(row.gridId, [...(byGrid.get(row.gridId) ?? []), row]);
    return byGrid;
  }
  const countsByGrid = async (now: number) => new Map((await presentByUnit(sql, 'grid', now)).map((row) => [row.unitId, row]));

  return {
    async list(now) {
      const [rows, departments, counts] = await Promise.all([sql<GridRow[]>`SELECT ${gridColumns} ORDER BY g.code`, departmentsByGrid(), countsByGrid(now)]);
      return rows.map((row) => ({
        type: 'Feature' as const, id: row.code, properties: toProperties(row, departments.get(row.id) ?? [], counts.get(row.id)), geometry: row.geometry,
      }));
    },

    async get(code, now): Promise<GridDetailWithoutPerformance | undefined> {
      const [row] = await sql<GridRow[]>`SELECT ${gridColumns} WHERE g.code = ${code}`;
      if (!row) return undefined;
      const [byType, [latestRound], departments, counts] = await Promise.all([
        sql<{ type: string; name: string; points: number }[]>`SELECT t.code AS type, t.name, count(*)::int AS points
          FROM inspection_points p JOIN inspection_point_types t ON t.id = p.type_id
          WHERE p.grid_id = ${row.id} GROUP BY t.id ORDER BY points DESC, t.id`,
        sql<NonNullable<GridDetail['properties']['inspection']['latestRound']>[]>`SELECT e.evaluated_on AS "evaluatedOn", count(*)::int AS "evaluatedPoints",
            round(avg(e.score_rate)::numeric, 2) AS "meanScoreRate", count(*) FILTER (WHERE e.verdict <> 'pass')::int AS "failedPoints"
          FROM field_evaluations e JOIN inspection_points p ON p.id = e.point_id
          WHERE p.grid_id = ${row.id} AND e.evaluator_kind = 'third_party'
            AND e.evaluated_on = (SELECT max(e2.evaluated_on) FROM field_evaluations e2 WHERE e2.evaluator_kind = 'third_party')
          GROUP BY e.evaluated_on`,
        departmentsByGrid(),
        countsByGrid(now),
      ]);
      return {
        type: 'Feature',
        id: row.code,
        properties: {
          ...toProperties(row, departments.get(row.id) ?? [], counts.get(row.id)),
          inspection: { points: byType.reduce((sum, type) => sum + type.points, 0), byType: [...byType], latestRound: latestRound ?? null },
        },
        geometry: row.geometry,
      };
    },

    async idByCode(code) {
      const [row] = await sql<{ id: number }[]>`SELECT id FROM grids WHERE code = ${code}`;
      return row?.id;
    },
  };
}

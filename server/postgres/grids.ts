import type { GridBaseProperties, GridDetail } from '../schemas/contract.ts';
import type { GridDetailWithoutPerformance, GridFeatureWithoutPerformance, GridRepository } from '../store/repositories.ts';
import { planGridReplacement, type StoredGrid } from '../domain/grid-replacement.ts';
import { streetIdOf } from './streets.ts';
import type { Queryable } from './connect.ts';
import { presentByUnit } from './performance.ts';

interface GridRow {
  id: number;
  code: string;
  name: string;
  kind: 'block' | 'strip';
  streetId: number | null;
  streetName: string | null;
  areaSquareMetres: number;
  leaderId: number | null;
  leaderName: string | null;
  leaderTitle: string | null;
  geometry: GridFeatureWithoutPerformance['geometry'];
}
type DepartmentRow = { gridId: number; id: number; name: string; role: GridBaseProperties['departments'][number]['role'] };
type CountRow = { unitId: number; openIssues: number; overdueOpen: number };

export function createGridRepository(sql: Queryable): GridRepository {
  const gridColumns = sql`g.id, g.code, g.name, g.kind, g.street_id AS "streetId", s.name AS "streetName",
    g.area_square_metres AS "areaSquareMetres", l.id AS "leaderId", l.name AS "leaderName", l.title AS "leaderTitle", g.geometry
    FROM grids g LEFT JOIN streets s ON s.id = g.street_id LEFT JOIN leaders l ON l.id = g.leader_id
    WHERE g.retired_at IS NULL`;

  const toProperties = (row: GridRow, departments: DepartmentRow[], counts: CountRow | undefined): GridBaseProperties => ({
    code: row.code,
    name: row.name,
    kind: row.kind,
    street: row.streetId === null ? null : { id: row.streetId, name: row.streetName! },
    areaSquareMetres: Math.round(row.areaSquareMetres),
    leader: row.leaderId === null ? null : { id: row.leaderId, name: row.leaderName!, title: row.leaderTitle! },
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
  const storedGrids = () => sql<StoredGrid[]>`SELECT g.id, g.code, g.name, g.kind, s.name AS street, g.geometry,
      g.area_square_metres AS "areaSquareMetres", g.retired_at IS NOT NULL AS retired, g.boundary_version AS "boundaryVersion"
    FROM grids g LEFT JOIN streets s ON s.id = g.street_id ORDER BY g.code`;
  const countsByGrid = async (now: number) => new Map((await presentByUnit(sql, 'grid', now)).map((row) => [row.unitId, row]));

  return {
    async list(now) {
      const [rows, departments, counts] = await Promise.all([sql<GridRow[]>`SELECT ${gridColumns} ORDER BY g.code`, departmentsByGrid(), countsByGrid(now)]);
      return rows.map((row) => ({
        type: 'Feature' as const, id: row.code, properties: toProperties(row, departments.get(row.id) ?? [], counts.get(row.id)), geometry: row.geometry,
      }));
    },

    async get(code, now): Promise<GridDetailWithoutPerformance | undefined> {
      const [row] = await sql<GridRow[]>`SELECT ${gridColumns} AND g.code = ${code}`;
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

    async inForce() {
      return (await storedGrids()).filter((grid) => !grid.retired).map(({ code, name, kind, street, geometry, areaSquareMetres }) => ({ code, name, kind, street, geometry, areaSquareMetres }));
    },

    async version() {
      const [row] = await sql<{ version: number }[]>`SELECT grids_version AS version FROM district`;
      return row?.version ?? 0;
    },

    async replace(grids, { at, importId }) {
      const plan = planGridReplacement(await storedGrids(), grids);
      const keepBoundary = (gridId: number, version: number, grid: (typeof grids)[number]) => sql`INSERT INTO grid_boundaries
        (grid_id, version, geometry, area_square_metres, valid_from, import_id)
        VALUES (${gridId}, ${version}, ${sql.json(grid.geometry as never)}, ${grid.areaSquareMetres}, ${at}, ${importId})`;
      if (plan.retire.length > 0) await sql`UPDATE grids SET retired_at = ${at} WHERE id = ANY(${plan.retire})`;
      if (plan.renamed.length > 0) await sql`UPDATE grids SET name = name || ' #' || id WHERE id = ANY(${plan.renamed})`;
      for (const { id, grid, boundaryVersion } of plan.update) {
        const streetId = await streetIdOf(sql, grid.street);
        if (boundaryVersion === null) {
          await sql`UPDATE grids SET name = ${grid.name}, kind = ${grid.kind}, street_id = ${streetId}, retired_at = NULL WHERE id = ${id}`;
          continue;
        }
        await sql`UPDATE grids SET name = ${grid.name}, kind = ${grid.kind}, street_id = ${streetId}, retired_at = NULL,
          geometry = ${sql.json(grid.geometry as never)}, area_square_metres = ${grid.areaSquareMetres}, boundary_version = ${boundaryVersion} WHERE id = ${id}`;
        await keepBoundary(id, boundaryVersion, grid);
      }
      for (const grid of plan.insert) {
        const [row] = await sql<{ id: number }[]>`INSERT INTO grids (id, code, name, kind, street_id, leader_id, geometry, area_square_metres)
          SELECT coalesce(max(id), 0) + 1, ${grid.code}, ${grid.name}, ${grid.kind}, ${await streetIdOf(sql, grid.street)}, NULL,
            ${sql.json(grid.geometry as never)}, ${grid.areaSquareMetres} FROM grids RETURNING id`;
        await keepBoundary(row!.id, 1, grid);
      }
      await sql`UPDATE district SET grids_version = grids_version + 1`;
    },
  };
}

import type { Database } from 'better-sqlite3';
import type { GridBaseProperties, GridDetail } from '../schemas/contract.ts';
import type { GridDetailWithoutPerformance, GridFeatureWithoutPerformance, GridRepository } from '../store/repositories.ts';
import { buildPresentSql } from './performance.ts';
import type { Synchronous } from './synchronous.ts';

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
  geometry: string;
}

export function createGridRepository(database: Database): Synchronous<GridRepository> {
  const gridColumns = `g.id, g.code, g.name, g.kind, g.street_id AS streetId, s.name AS streetName,
    g.area_square_metres AS areaSquareMetres, l.id AS leaderId, l.name AS leaderName, l.title AS leaderTitle, g.geometry
    FROM grids g JOIN streets s ON s.id = g.street_id JOIN leaders l ON l.id = g.leader_id`;
  const statements = {
    all: database.prepare(`SELECT ${gridColumns} ORDER BY g.code`),
    byCode: database.prepare(`SELECT ${gridColumns} WHERE g.code = @code`),
    idByCode: database.prepare('SELECT id FROM grids WHERE code = @code').pluck(),
    departments: database.prepare(`SELECT gd.grid_id AS gridId, d.id, d.name, gd.role
      FROM grid_departments gd JOIN departments d ON d.id = gd.department_id
      ORDER BY gd.grid_id, CASE gd.role WHEN 'lead' THEN 0 WHEN 'territorial' THEN 1 ELSE 2 END, d.id`),
    // The same open and overdue counts the performance figures use, per grid.
    issueCounts: database.prepare(buildPresentSql('grid')),
    pointTypes: database.prepare(`SELECT t.code AS type, t.name, count(*) AS points
      FROM inspection_points p JOIN inspection_point_types t ON t.id = p.type_id
      WHERE p.grid_id = @gridId GROUP BY t.id ORDER BY points DESC, t.id`),
    latestRound: database.prepare(`SELECT e.evaluated_on AS evaluatedOn, count(*) AS evaluatedPoints,
        round(avg(e.score_rate), 2) AS meanScoreRate, sum(e.verdict != 'pass') AS failedPoints
      FROM field_evaluations e JOIN inspection_points p ON p.id = e.point_id
      WHERE p.grid_id = @gridId AND e.evaluator_kind = 'third_party'
        AND e.evaluated_on = (SELECT max(e2.evaluated_on) FROM field_evaluations e2 WHERE e2.evaluator_kind = 'third_party')
      GROUP BY e.evaluated_on`),
  };

  type DepartmentRow = { gridId: number; id: number; name: string; role: GridBaseProperties['departments'][number]['role'] };
  type CountRow = { unitId: number; openIssues: number; overdueOpen: number };

  function toProperties(row: GridRow, departments: DepartmentRow[], counts: CountRow | undefined): GridBaseProperties {
    return {
      code: row.code,
      name: row.name,
      kind: row.kind,
      street: { id: row.streetId, name: row.streetName },
      areaSquareMetres: Math.round(row.areaSquareMetres),
      leader: { id: row.leaderId, name: row.leaderName, title: row.leaderTitle },
      departments: departments.map(({ id, name, role }) => ({ id, name, role })),
      openIssues: counts?.openIssues ?? 0,
      overdueIssues: counts?.overdueOpen ?? 0,
    };
  }

  function departmentsByGrid(): Map<number, DepartmentRow[]> {
    const byGrid = new Map<number, DepartmentRow[]>();
    for (const row of statements.departments.all() as DepartmentRow[]) {
      const list = byGrid.get(row.gridId) ?? [];
      list.push(row);
      byGrid.set(row.gridId, list);
    }
    return byGrid;
  }

  function countsByGrid(now: number): Map<number, CountRow> {
    const rows = statements.issueCounts.all({ now }) as CountRow[];
    return new Map(rows.map((row) => [row.unitId, row]));
  }

  return {
    list(now: number): GridFeatureWithoutPerformance[] {
      const departments = departmentsByGrid();
      const counts = countsByGrid(now);
      return (statements.all.all() as GridRow[]).map((row) => ({
        type: 'Feature',
        id: row.code,
        properties: toProperties(row, departments.get(row.id) ?? [], counts.get(row.id)),
        geometry: JSON.parse(row.geometry),
      }));
    },

    get(code: string, now: number): GridDetailWithoutPerformance | undefined {
      const row = statements.byCode.get({ code }) as GridRow | undefined;
      if (!row) return undefined;
      const byType = statements.pointTypes.all({ gridId: row.id }) as { type: string; name: string; points: number }[];
      const latestRound = (statements.latestRound.get({ gridId: row.id }) ?? null) as GridDetail['properties']['inspection']['latestRound'];
      return {
        type: 'Feature',
        id: row.code,
        properties: {
          ...toProperties(row, departmentsByGrid().get(row.id) ?? [], countsByGrid(now).get(row.id)),
          inspection: { points: byType.reduce((sum, t) => sum + t.points, 0), byType, latestRound },
        },
        geometry: JSON.parse(row.geometry),
      };
    },

    idByCode(code: string): number | undefined {
      return statements.idByCode.get({ code }) as number | undefined;
    },
  };
}

import type { Database } from 'better-sqlite3';
import type { GridBaseProperties, GridDetail } from '../schemas/contract.ts';
import type { GridDetailWithoutPerformance, GridFeatureWithoutPerformance, GridRepository, GridSetChange } from '../store/repositories.ts';
import type { DiffGrid } from '../domain/grid-diff.ts';
import { planGridReplacement, type StoredGrid } from '../domain/grid-replacement.ts';
import { buildPresentSql } from './performance.ts';
import type { Synchronous } from './synchronous.ts';
import { createStreetLookup } from './streets.ts';

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
  geometry: string;
}

export function createGridRepository(database: Database): Synchronous<GridRepository> {
  const gridColumns = `g.id, g.code, g.name, g.kind, g.street_id AS streetId, s.name AS streetName,
    g.area_square_metres AS areaSquareMetres, l.id AS leaderId, l.name AS leaderName, l.title AS leaderTitle, g.geometry
    FROM grids g LEFT JOIN streets s ON s.id = g.street_id LEFT JOIN leaders l ON l.id = g.leader_id
    WHERE g.retired_at IS NULL`;
  const statements = {
    all: database.prepare(`SELECT ${gridColumns} ORDER BY g.code`),
    byCode: database.prepare(`SELECT ${gridColumns} AND g.code = @code`),
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
    stored: database.prepare(`SELECT g.id, g.code, g.name, g.kind, s.name AS street, g.geometry, g.area_square_metres AS areaSquareMetres,
        g.retired_at IS NOT NULL AS retired, g.boundary_version AS boundaryVersion
      FROM grids g LEFT JOIN streets s ON s.id = g.street_id ORDER BY g.code`),
    version: database.prepare('SELECT coalesce((SELECT grids_version FROM district), 0)').pluck(),
    retire: database.prepare('UPDATE grids SET retired_at = @at WHERE id = @id'),
    park: database.prepare("UPDATE grids SET name = name || ' #' || id WHERE id = @id"),
    update: database.prepare(`UPDATE grids SET name = @name, kind = @kind, street_id = @streetId, retired_at = NULL,
      geometry = coalesce(@geometry, geometry), area_square_metres = coalesce(@areaSquareMetres, area_square_metres),
      boundary_version = coalesce(@boundaryVersion, boundary_version) WHERE id = @id`),
    insert: database.prepare(`INSERT INTO grids (id, code, name, kind, street_id, leader_id, geometry, area_square_metres)
      VALUES ((SELECT coalesce(max(id), 0) + 1 FROM grids), @code, @name, @kind, @streetId, NULL, @geometry, @areaSquareMetres) RETURNING id`).pluck(),
    boundary: database.prepare(`INSERT INTO grid_boundaries (grid_id, version, geometry, area_square_metres, valid_from, import_id)
      VALUES (@gridId, @version, @geometry, @areaSquareMetres, @at, @importId)`),
    bumpVersion: database.prepare('UPDATE district SET grids_version = grids_version + 1'),
  };

  const streetIdOf = createStreetLookup(database);

  type DepartmentRow = { gridId: number; id: number; name: string; role: GridBaseProperties['departments'][number]['role'] };
  type CountRow = { unitId: number; openIssues: number; overdueOpen: number };

  function toProperties(row: GridRow, departments: DepartmentRow[], counts: CountRow | undefined): GridBaseProperties {
    return {
      code: row.code,
      name: row.name,
      kind: row.kind,
      street: row.streetId === null ? null : { id: row.streetId, name: row.streetName! },
      areaSquareMetres: Math.round(row.areaSquareMetres),
      leader: row.leaderId === null ? null : { id: row.leaderId, name: row.leaderName!, title: row.leaderTitle! },
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

  function storedGrids(): StoredGrid[] {
    return (statements.stored.all() as Array<Omit<StoredGrid, 'geometry' | 'retired'> & { geometry: string; retired: number }>)
      .map((row) => ({ ...row, geometry: JSON.parse(row.geometry), retired: row.retired === 1 }));
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

    inForce(): DiffGrid[] {
      return storedGrids().filter((grid) => !grid.retired).map(({ code, name, kind, street, geometry, areaSquareMetres }) => ({ code, name, kind, street, geometry, areaSquareMetres }));
    },

    version(): number {
      return statements.version.get() as number;
    },

    replace(grids: readonly DiffGrid[], { at, importId }: GridSetChange): void {
      const plan = planGridReplacement(storedGrids(), grids);
      for (const id of plan.retire) statements.retire.run({ id, at });
      for (const id of plan.renamed) statements.park.run({ id });
      for (const { id, grid, boundaryVersion } of plan.update) {
        const geometry = boundaryVersion === null ? null : JSON.stringify(grid.geometry);
        statements.update.run({
          id, name: grid.name, kind: grid.kind, streetId: streetIdOf(grid.street), geometry, boundaryVersion,
          areaSquareMetres: boundaryVersion === null ? null : grid.areaSquareMetres,
        });
        if (boundaryVersion !== null) statements.boundary.run({ gridId: id, version: boundaryVersion, geometry, areaSquareMetres: grid.areaSquareMetres, at, importId });
      }
      for (const grid of plan.insert) {
        const geometry = JSON.stringify(grid.geometry);
        const gridId = statements.insert.get({ ...grid, streetId: streetIdOf(grid.street), geometry }) as number;
        statements.boundary.run({ gridId, version: 1, geometry, areaSquareMetres: grid.areaSquareMetres, at, importId });
      }
      statements.bumpVersion.run();
    },
  };
}

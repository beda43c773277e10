import type { Database } from 'better-sqlite3';
import { createGridLookup } from '../domain/grid-lookup.ts';
import { INSPECTION_POINT_TYPES } from '../domain/inspection-point-types.ts';
import { generateDistrictLayout } from './district-layout.ts';
import { buildBasemapLayers, writeBasemapLayers } from './basemap-layers.ts';
import { buildInspectionPoints } from './inspection-points.ts';
import { ContributionTotals, dispatchedTo, issueContributions } from '../domain/performance-contributions.ts';
import { writeTotals } from '../sqlite/performance-rollups.ts';
import { fillDefaultRoutingRules, fillIssuePositions } from '../sqlite/bulk-load.ts';
import { generateIssues } from './issues.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import { buildOrganization } from './organization.ts';
import { Random } from './random.ts';
import { DEMO_DISTRICT, type District } from '../store/districts.ts';
import { writeDistrictCatalog } from '../sqlite/district-catalog.ts';

export interface SeedOptions {
  seed: string;
  /** The simulated present: issues are generated for the twelve months before it. */
  now: number;
  issueCount: number;
  /** Where to write the base-map layers; omitted, none are written. */
  basemapDirectory?: string;
  /** The district's code and name; omitted, the demo's. */
  district?: District;
}

export interface SeedSummary {
  grids: number;
  leaders: number;
  departments: number;
  inspectionPoints: number;
  fieldEvaluations: number;
  issues: number;
  issueEvents: number;
}

export const DEFAULT_SEED = 'qingchuan';
export const DEFAULT_ISSUE_COUNT = 36_000;

export function isSeeded(database: Database): boolean {
  const row = database.prepare('SELECT EXISTS (SELECT 1 FROM grids) AS seeded').get() as { seeded: number };
  return row.seeded === 1;
}

/** Fills an empty, migrated database with the demo district. Deterministic for a seed and `now`. */
export function seedDatabase(database: Database, options: SeedOptions): SeedSummary {
  if (isSeeded(database)) throw new Error('the database already holds a district; it is never reseeded');
  const layout = generateDistrictLayout(options.seed);
  const organization = buildOrganization(layout, new Random(`${options.seed}:organization`));
  const lookup = createGridLookup(organization.grids);
  const { points, evaluations } = buildInspectionPoints(layout, organization, lookup, new Random(`${options.seed}:points`), options.now);

  const insert = {
    street: database.prepare('INSERT INTO streets (id, code, name) VALUES (@id, @code, @name)'),
    leader: database.prepare('INSERT INTO leaders (id, name, title) VALUES (@id, @name, @title)'),
    department: database.prepare('INSERT INTO departments (id, name, kind, duty, street_id) VALUES (@id, @name, @kind, @duty, @streetId)'),
    grid: database.prepare(`INSERT INTO grids (id, code, name, kind, street_id, leader_id, geometry, area_square_metres)
      VALUES (@id, @code, @name, @kind, @streetId, @leaderId, @geometry, @areaSquareMetres)`),
    gridDepartment: database.prepare('INSERT INTO grid_departments (grid_id, department_id, role) VALUES (@gridId, @departmentId, @role)'),
    route: database.prepare('INSERT INTO category_routes (grid_id, category_id, department_id) VALUES (@gridId, @categoryId, @departmentId)'),
    point: database.prepare(`INSERT INTO inspection_points (id, name, type_id, grid_id, longitude, latitude, responsible_department_id, responsible_person)
      VALUES (@id, @name, @typeId, @gridId, @longitude, @latitude, @departmentId, @responsiblePerson)`),
    evaluation: database.prepare(`INSERT INTO field_evaluations (point_id, evaluated_on, evaluator_kind, items_observed, items_failed, score_rate, verdict)
      VALUES (@pointId, @evaluatedOn, @evaluatorKind, @itemsObserved, @itemsFailed, @scoreRate, @verdict)`),
    issue: database.prepare(`INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id, state,
        department_id, deadline_at, reported_at, assigned_at, accepted_at, rectified_at, closed_at, voided_at, extended, rework_count,
        recurrence_of, version, updated_at)
      VALUES (@id, @code, @categoryId, @source, @description, @address, @longitude, @latitude, @gridId, @state,
        @departmentId, @deadlineAt, @reportedAt, @assignedAt, @acceptedAt, @rectifiedAt, @closedAt, @voidedAt, @extended, @reworkCount,
        @recurrenceOf, @version, @updatedAt)`),
    event: database.prepare(`INSERT INTO issue_events (issue_id, occurred_at, actor, action, from_state, to_state, changes, note)
      VALUES (@issueId, @occurredAt, @actor, @action, @fromState, @toState, @changes, @note)`),
  };
  const typeIdByCode = new Map(INSPECTION_POINT_TYPES.map((type, index) => [type.code, index + 1]));

  // One transaction: a seed interrupted part-way (say, Ctrl-C on first start) leaves an empty
  // database that the next start seeds again, never a district without its problems.
  return database.transaction(() => {
    writeDistrictCatalog(database, options.district ?? DEMO_DISTRICT, organization.categories);
    for (const street of organization.streets) insert.street.run(street);
    for (const leader of organization.leaders) insert.leader.run(leader);
    for (const department of organization.departments) insert.department.run(department);
    for (const grid of organization.grids) {
      insert.grid.run({ ...grid, geometry: JSON.stringify(grid.geometry) });
    }
    database.exec('INSERT INTO grid_boundaries (grid_id, version, geometry, area_square_metres, valid_from) SELECT id, 1, geometry, area_square_metres, 0 FROM grids');
    for (const link of organization.gridDepartments) insert.gridDepartment.run(link);
    for (const route of organization.routes) insert.route.run(route);
    for (const point of points) insert.point.run({ ...point, typeId: typeIdByCode.get(point.type)! });
    for (const evaluation of evaluations) insert.evaluation.run(evaluation);

    // Bulk loading: building the problem indexes (and the position R*Tree) once at the end sorts
    // each in one pass; maintaining them row by row made a million-problem seed thrash the cache.
    const issueIndexes = database.prepare(`SELECT name, sql FROM sqlite_master
      WHERE type = 'index' AND tbl_name IN ('issues', 'issue_events') AND sql IS NOT NULL`).all() as Array<{ name: string; sql: string }>;
    for (const index of issueIndexes) database.exec(`DROP INDEX "${index.name}"`);
    const positionTrigger = database.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'issue_positions_follow_insert'")
      .pluck().get() as string;
    database.exec('DROP TRIGGER issue_positions_follow_insert');
    let issues = 0;
    let issueEvents = 0;
    // The performance counters are summed as the problems are made, sparing a second pass.
    const performanceTotals = new ContributionTotals();
    const generated = generateIssues({ organization, points, lookup, random: new Random(`${options.seed}:issues`), now: options.now }, options.issueCount);
    for (const { issue, events } of generated) {
      insert.issue.run({ ...issue, extended: issue.extended ? 1 : 0 });
      for (const event of events) insert.event.run({ ...event, changes: JSON.stringify(event.changes) });
      issues += 1;
      issueEvents += events.length;
      performanceTotals.add(issueContributions(issue, events.map((event) => ({ ...event, dispatchedTo: dispatchedTo(event.changes) }))));
    }
    writeTotals(database, performanceTotals);
    seedDemoAccounts(database, options.district ?? DEMO_DISTRICT, options.now);
    for (const index of issueIndexes) database.exec(index.sql);
    fillIssuePositions(database);
    fillDefaultRoutingRules(database);
    database.exec(positionTrigger);
    // Fresh statistics let the planner choose the right index from the first query on.
    database.exec('ANALYZE');
    if (options.basemapDirectory) writeBasemapLayers(options.basemapDirectory, buildBasemapLayers(layout, organization, points));
    return {
      grids: organization.grids.length,
      leaders: organization.leaders.length,
      departments: organization.departments.length,
      inspectionPoints: points.length,
      fieldEvaluations: evaluations.length,
      issues,
      issueEvents,
    };
  })();
}

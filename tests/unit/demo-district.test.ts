import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DISTRICT_TILES_FILE } from '../../server/basemap/district-tiles.ts';
import { openMBTiles } from '../../server/basemap/mbtiles.ts';
import { tileOf } from '../../server/basemap/vector-tiles.ts';
import { createGridLookup } from '../../server/domain/grid-lookup.ts';
import { ISSUE_SOURCES, ISSUE_STATES, verdictForScoreRate } from '../../server/domain/issue-vocabulary.ts';
import { deadlineFrom, type DeadlineUnit } from '../../server/domain/working-time.ts';
import { createSeededDatabase, TEST_NOW, type TestDatabase } from '../support/test-database.ts';

const ISSUE_COUNT = 3000;
let district: TestDatabase;
beforeAll(() => {
  district = createSeededDatabase(ISSUE_COUNT);
});
afterAll(() => district.remove());

const all = <T>(sql: string, parameters: Record<string, unknown> = {}) => district.database.prepare(sql).all(parameters) as T[];
const value = <T>(sql: string, parameters: Record<string, unknown> = {}) => district.database.prepare(sql).pluck().get(parameters) as T;

function lookup() {
  const grids = all<{ code: string; kind: 'block' | 'strip'; geometry: string }>('SELECT code, kind, geometry FROM grids ORDER BY id');
  return createGridLookup(grids.map((grid) => ({ ...grid, geometry: JSON.parse(grid.geometry) })));
}

describe('the demo district generator', () => {
  it('builds 65 grids, 27 leaders with 2–3 grids each, and 60 departments of every kind', () => {
    expect(value('SELECT count(*) FROM grids')).toBe(65);
    expect(all('SELECT kind, count(*) AS n FROM grids GROUP BY kind ORDER BY kind')).toEqual([{ kind: 'block', n: 48 }, { kind: 'strip', n: 17 }]);
    const gridsPerLeader = all<{ n: number }>('SELECT count(g.id) AS n FROM leaders l LEFT JOIN grids g ON g.leader_id = l.id GROUP BY l.id');
    expect(gridsPerLeader).toHaveLength(27);
    expect(gridsPerLeader.every(({ n }) => n === 2 || n === 3)).toBe(true);
    expect(value('SELECT count(*) FROM departments')).toBe(60);
    expect(all<{ kind: string }>('SELECT DISTINCT kind FROM departments ORDER BY kind').map((row) => row.kind)).toEqual(['bureau', 'partner_unit', 'street_office']);
  });

  it('gives every grid a lead unit and a territorial street office', () => {
    const roles = all<{ grid_id: number; leads: number; territorial: number }>(`SELECT grid_id, sum(role = 'lead') AS leads, sum(role = 'territorial') AS territorial
      FROM grid_departments GROUP BY grid_id`);
    expect(roles).toHaveLength(65);
    expect(roles.every((row) => row.leads === 1 && row.territorial >= 1)).toBe(true);
  });

  it('routes every grid × subcategory to a department', () => {
    const subcategories = value<number>('SELECT count(*) FROM issue_categories WHERE parent_id IS NOT NULL');
    expect(subcategories).toBeGreaterThanOrEqual(30);
    expect(value('SELECT count(*) FROM routing_rules')).toBe(65 * subcategories);
  });

  it('places at least 500 inspection points of at least 20 types where they belong', () => {
    expect(value<number>('SELECT count(*) FROM inspection_points')).toBeGreaterThanOrEqual(500);
    expect(value<number>('SELECT count(DISTINCT type_id) FROM inspection_points')).toBeGreaterThanOrEqual(20);
    const kindsByType = all<{ type: string; kind: string }>(`SELECT DISTINCT t.code AS type, g.kind FROM inspection_points p
      JOIN inspection_point_types t ON t.id = p.type_id JOIN grids g ON g.id = p.grid_id`);
    const kindsOf = (type: string) => kindsByType.filter((row) => row.type === type).map((row) => row.kind);
    expect(kindsOf('major_crossing')).toEqual(['strip']);
    expect(kindsOf('bus_stop')).toEqual(['strip']);
    expect(kindsOf('school')).toEqual(['block']);
    expect(kindsOf('community')).toEqual(['block']);
    expect(kindsOf('residential_compound')).toEqual(['block']);
  });

  it('files each point and each issue under the grid its location falls in', () => {
    const gridOf = lookup();
    const points = all<{ code: string; longitude: number; latitude: number }>('SELECT g.code, p.longitude, p.latitude FROM inspection_points p JOIN grids g ON g.id = p.grid_id');
    for (const point of points) expect(gridOf(point.longitude, point.latitude)).toBe(point.code);
    const issues = all<{ code: string; longitude: number; latitude: number }>('SELECT g.code, i.longitude, i.latitude FROM issues i JOIN grids g ON g.id = i.grid_id');
    for (const issue of issues) expect(gridOf(issue.longitude, issue.latitude)).toBe(issue.code);
  });

  it('gives every point a year of quarterly third-party evaluations with consistent verdicts', () => {
    const rounds = all<{ evaluated_on: string; points: number }>(`SELECT evaluated_on, count(*) AS points FROM field_evaluations
      WHERE evaluator_kind = 'third_party' GROUP BY evaluated_on ORDER BY evaluated_on`);
    const pointCount = value<number>('SELECT count(*) FROM inspection_points');
    expect(rounds.map((round) => round.evaluated_on)).toEqual(['2025-12-15', '2026-03-15', '2026-06-15', '2026-09-15']);
    expect(rounds.every((round) => round.points === pointCount)).toBe(true);
    const evaluations = all<{ score_rate: number; verdict: string }>('SELECT score_rate, verdict FROM field_evaluations');
    for (const evaluation of evaluations) expect(evaluation.verdict).toBe(verdictForScoreRate(evaluation.score_rate));
  });

  it('generates twelve months of issues from every source, in every state', () => {
    expect(value('SELECT count(*) FROM issues')).toBe(ISSUE_COUNT);
    const yearAgo = TEST_NOW - 365 * 86_400_000;
    expect(value<number>('SELECT min(reported_at) FROM issues')).toBeGreaterThanOrEqual(yearAgo);
    expect(value<number>('SELECT max(reported_at) FROM issues')).toBeLessThanOrEqual(TEST_NOW);
    expect(all<{ source: string }>('SELECT DISTINCT source FROM issues ORDER BY source').map((row) => row.source)).toEqual([...ISSUE_SOURCES].sort());
    expect(all<{ state: string }>('SELECT DISTINCT state FROM issues ORDER BY state').map((row) => row.state)).toEqual([...ISSUE_STATES].sort());
  });

  it('includes overdue, reworked, extended, voided and recurring problems', () => {
    expect(value<number>("SELECT count(*) FROM issues WHERE state IN ('assigned', 'in_progress') AND deadline_at < @now", { now: TEST_NOW })).toBeGreaterThan(0);
    expect(value<number>('SELECT count(*) FROM issues WHERE rework_count > 0')).toBeGreaterThan(0);
    expect(value<number>('SELECT count(*) FROM issues WHERE extended = 1')).toBeGreaterThan(0);
    expect(value<number>("SELECT count(*) FROM issues WHERE state = 'void'")).toBeGreaterThan(0);
    expect(value<number>('SELECT count(*) FROM issues WHERE recurrence_of IS NOT NULL')).toBeGreaterThan(0);
  });

  it('keeps a complete, ordered history for every issue that ends in its current state', () => {
    const issues = new Map(all<{ id: number; state: string; version: number; updated_at: number }>('SELECT id, state, version, updated_at FROM issues').map((row) => [row.id, row]));
    const events = all<{ issue_id: number; occurred_at: number; action: string; from_state: string | null; to_state: string }>(
      'SELECT issue_id, occurred_at, action, from_state, to_state FROM issue_events ORDER BY issue_id, occurred_at, id');
    const byIssue = new Map<number, typeof events>();
    for (const event of events) byIssue.set(event.issue_id, [...(byIssue.get(event.issue_id) ?? []), event]);
    expect(byIssue.size).toBe(ISSUE_COUNT);
    for (const [id, history] of byIssue) {
      const issue = issues.get(id)!;
      expect(history[0]).toMatchObject({ action: 'report', from_state: null, to_state: 'reported' });
      history.slice(1).forEach((event, index) => {
        expect(event.from_state).toBe(history[index]!.to_state);
        expect(event.occurred_at).toBeGreaterThanOrEqual(history[index]!.occurred_at);
      });
      expect(history.at(-1)!.to_state).toBe(issue.state);
      expect(history.at(-1)!.occurred_at).toBe(issue.updated_at);
      expect(issue.version).toBe(history.length);
      expect(history.at(-1)!.occurred_at).toBeLessThanOrEqual(TEST_NOW);
    }
  });

  it('sets deadlines in working time from the category rule on the holiday calendar', () => {
    const dispatches = all<{ occurred_at: number; changes: string; amount: number; unit: DeadlineUnit }>(`SELECT e.occurred_at, e.changes,
        c.deadline_amount AS amount, c.deadline_unit AS unit
      FROM issue_events e JOIN issues i ON i.id = e.issue_id JOIN issue_categories c ON c.id = i.category_id
      WHERE e.action = 'dispatch' LIMIT 500`);
    expect(dispatches.length).toBe(500);
    for (const dispatch of dispatches) {
      const deadline = (JSON.parse(dispatch.changes) as { deadlineAt: [number | null, number] }).deadlineAt[1];
      expect(deadline).toBe(deadlineFrom(dispatch.occurred_at, { amount: dispatch.amount, unit: dispatch.unit }));
    }
  });

  it('makes grids differ: some rectify far more on time than others', () => {
    const onTime = all<{ rate: number }>(`SELECT avg(rectified_at <= deadline_at) AS rate FROM issues
      WHERE state = 'closed' AND extended = 0 GROUP BY grid_id HAVING count(*) >= 10`).map((row) => row.rate);
    expect(Math.max(...onTime) - Math.min(...onTime)).toBeGreaterThan(0.3);
  });

  it('writes the base-map layers, and their vector tiles for every zoom from 10 to 16', () => {
    for (const layer of ['roads', 'water', 'parks', 'blocks', 'places']) {
      expect(existsSync(join(district.basemapDirectory, `${layer}.geojson`))).toBe(true);
    }
    const tiles = openMBTiles(join(district.basemapDirectory, DISTRICT_TILES_FILE));
    try {
      for (let zoom = 10; zoom <= 16; zoom += 1) {
        const [longitude, latitude] = [117.0, 36.61];
        const { x, y } = tileOf(longitude, latitude, zoom);
        expect(tiles.tile(zoom, x, y), `zoom ${zoom}`).toBeDefined();
      }
    } finally {
      tiles.close();
    }
  });

  it('is deterministic: the same seed and present give the same district', () => {
    const fingerprint = (database: TestDatabase['database']) => createHash('sha256')
      .update(JSON.stringify(database.prepare('SELECT * FROM issues ORDER BY id').all()))
      .update(JSON.stringify(database.prepare('SELECT * FROM inspection_points ORDER BY id').all()))
      .digest('hex');
    const again = createSeededDatabase(ISSUE_COUNT);
    try {
      expect(fingerprint(again.database)).toBe(fingerprint(district.database));
    } finally {
      again.remove();
    }
  });

  it('never reseeds a district', async () => {
    const { seedDatabase } = await import('../../server/seed/seed-database.ts');
    expect(() => seedDatabase(district.database, { seed: 'other', now: TEST_NOW, issueCount: 10 })).toThrow(/never reseeded/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCountersSql, buildPresentSql } from '../../server/sqlite/performance.ts';
import { buildIssueCountQuery, buildIssuePageQuery, ISSUE_EVENTS_SQL } from '../../server/sqlite/issues.ts';
import { DENSE_BOX_MATCHES } from '../../server/store/issue-rows.ts';
import type { IssueFilters } from '../../server/store/repositories.ts';
import { CLOSED_SINCE_SQL, LATEST_EVENTS_SQL, NEW_SINCE_SQL } from '../../server/sqlite/screen.ts';
import { SESSION_BY_TOKEN_SQL } from '../../server/sqlite/security.ts';
import { createSeededDatabase, TEST_NOW, type TestDatabase } from '../support/test-database.ts';

/** The hot queries must be served by their indexes, not by scanning the issues table. */
let district: TestDatabase;
beforeAll(() => {
  district = createSeededDatabase(2000);
});
afterAll(() => district.remove());

function plan(sql: string, parameters: Record<string, unknown>): string {
  const rows = district.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(parameters) as { detail: string }[];
  return rows.map((row) => row.detail).join('\n');
}

describe('query plans', () => {
  it('counts open and overdue issues per grid from the partial index of open issues', () => {
    expect(plan(buildPresentSql('grid'), { now: TEST_NOW })).toMatch(/USING COVERING INDEX issues_open_by_grid/);
  });

  it('counts today\'s new and closed problems from their time indexes', () => {
    expect(plan(NEW_SINCE_SQL, { since: TEST_NOW })).toMatch(/USING COVERING INDEX issues_by_reported/);
    expect(plan(CLOSED_SINCE_SQL, { since: TEST_NOW })).toMatch(/USING COVERING INDEX issues_by_closed/);
  });

  it('reads the newest events backwards along their time index without sorting', () => {
    const latestPlan = plan(LATEST_EVENTS_SQL, { limit: 20 });
    expect(latestPlan).toMatch(/SCAN e USING INDEX issue_events_by_time/);
    expect(latestPlan).not.toMatch(/TEMP B-TREE/);
  });

  it('finds a request\'s session by its token hash through the unique index', () => {
    expect(plan(SESSION_BY_TOKEN_SQL, { tokenHash: 'x' })).toMatch(/SEARCH sessions USING INDEX sqlite_autoindex_sessions_1 \(token_hash=\?\)/);
  });

  it('reads an issue history through its index', () => {
    expect(plan(ISSUE_EVENTS_SQL, { id: 1 })).toMatch(/USING INDEX issue_events_by_issue/);
  });

  const box = { minLongitude: 117, minLatitude: 36.6, maxLongitude: 117.01, maxLatitude: 36.61 };

  it.each<[string, IssueFilters, RegExp]>([
    ['a grid', { gridId: 7 }, /USING (COVERING )?INDEX issues_by_grid_state/],
    ['a grid and states', { gridId: 7, states: ['assigned', 'in_progress'] }, /USING (COVERING )?INDEX issues_by_grid_state/],
    ['a grid worker\'s grids', { gridIds: [3, 7] }, /USING (COVERING )?INDEX issues_by_grid_state/],
    ['a department', { departmentId: 1 }, /USING (COVERING )?INDEX issues_by_department/],
    ['a reporting window', { window: { from: TEST_NOW - 7 * 86_400_000, to: TEST_NOW } }, /USING (COVERING )?INDEX issues_by_reported/],
    ['a category and a source', { categoryIds: [3], sources: ['citizen_report'] }, /USING COVERING INDEX issues_by_category_source/],
    ['a bounding box', { bbox: box }, /SCAN issue_positions VIRTUAL TABLE/],
    ['states in a bounding box', { states: ['assigned', 'in_progress'], bbox: box }, /USING COVERING INDEX issues_by_state_position/],
    ['states falling due soon', { states: ['assigned', 'in_progress'], deadline: { from: TEST_NOW, before: TEST_NOW + 86_400_000 } }, /USING COVERING INDEX issues_by_state_deadline \(state=\? AND deadline_at>\? AND deadline_at<\?\)/],
  ])('counts issues for %s with an index', (_, filters, index) => {
    const query = buildIssueCountQuery(filters, TEST_NOW);
    const countPlan = plan(query.sql, query.parameters);
    expect(countPlan).toMatch(index);
    expect(countPlan).not.toMatch(/SCAN i\b(?! USING)/);
  });

  it('pages the unfiltered list backwards along the primary key without sorting', () => {
    const query = buildIssuePageQuery({}, { limit: 100, before: 500 }, TEST_NOW, 2000);
    const pagePlan = plan(query.sql, query.parameters);
    expect(pagePlan).toMatch(/SEARCH i USING INTEGER PRIMARY KEY \(rowid<\?\)/);
    expect(pagePlan).not.toMatch(/TEMP B-TREE/);
  });

  it('pages a sparse bounding box from the R*Tree and a dense one along the primary key', () => {
    const sparse = buildIssuePageQuery({ bbox: box }, { limit: 100 }, TEST_NOW, DENSE_BOX_MATCHES);
    expect(plan(sparse.sql, sparse.parameters)).toMatch(/SCAN issue_positions VIRTUAL TABLE/);
    const dense = buildIssuePageQuery({ bbox: box }, { limit: 100 }, TEST_NOW, DENSE_BOX_MATCHES + 1);
    const densePlan = plan(dense.sql, dense.parameters);
    expect(densePlan).not.toMatch(/issue_positions/);
    expect(densePlan).not.toMatch(/TEMP B-TREE/);
  });

  it('pages a department with many problems along the primary key, and one with few from its index', () => {
    const dense = buildIssuePageQuery({ departmentId: 1 }, { limit: 100 }, TEST_NOW, DENSE_BOX_MATCHES + 1);
    const densePlan = plan(dense.sql, dense.parameters);
    expect(densePlan).not.toMatch(/issues_by_department/);
    expect(densePlan).not.toMatch(/TEMP B-TREE/);
    const sparse = buildIssuePageQuery({ departmentId: 1 }, { limit: 100 }, TEST_NOW, 50);
    expect(plan(sparse.sql, sparse.parameters)).toMatch(/issues_by_department/);
    const pageIds = (matches: number) => {
      const query = buildIssuePageQuery({ departmentId: 1 }, { limit: 20 }, TEST_NOW, matches);
      return (district.database.prepare(query.sql).all(query.parameters) as { id: number }[]).map((row) => row.id);
    };
    expect(pageIds(DENSE_BOX_MATCHES + 1)).toEqual(pageIds(50));
  });

  it('finds the same page of a bounding box whichever way it pages', () => {
    const pageIds = (matches: number, before?: number) => {
      const query = buildIssuePageQuery({ bbox: box }, { limit: 5, before }, TEST_NOW, matches);
      return (district.database.prepare(query.sql).all(query.parameters) as { id: number }[]).map((row) => row.id);
    };
    const fromTree = pageIds(DENSE_BOX_MATCHES);
    expect(fromTree.length).toBe(6);
    expect(pageIds(DENSE_BOX_MATCHES + 1)).toEqual(fromTree);
    expect(pageIds(DENSE_BOX_MATCHES, fromTree[2])).toEqual(pageIds(DENSE_BOX_MATCHES + 1, fromTree[2]));
  });

  it.each([
    ['grids', buildCountersSql('grid', 'unit', false), /SEARCH p USING PRIMARY KEY \(.*day>\? AND day<\?\)/],
    ['departments', buildCountersSql('department', 'unit', false), /SEARCH p USING PRIMARY KEY \(.*day>\? AND day<\?\)/],
    ['one grid per day', buildCountersSql('grid', 'day', true), /SEARCH p USING PRIMARY KEY \(unit_kind=\? AND unit_id=\? AND day>\? AND day<\?\)/],
    ['one department per day', buildCountersSql('department', 'day', true), /SEARCH p USING PRIMARY KEY \(unit_kind=\? AND unit_id=\? AND day>\? AND day<\?\)/],
  ])('sums the performance counters of %s along the primary key', (_, sql, index) => {
    const counterPlan = plan(sql, { firstDay: '2026-10-01', lastDay: '2026-10-31', unitId: 3 });
    expect(counterPlan).toMatch(index);
    expect(counterPlan).not.toMatch(/SCAN p\b/);
  });

  it.each([['grid', 'issues_open_by_grid'], ['department', 'issues_open_by_department']] as const)(
    'counts open and overdue problems per %s from the partial index of open problems',
    (kind, index) => {
      expect(plan(buildPresentSql(kind), { now: TEST_NOW })).toMatch(new RegExp(`USING COVERING INDEX ${index}`));
    },
  );
});

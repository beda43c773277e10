import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from 'postgres';
import { connectDistrict } from '../../server/postgres/districts.ts';
import type { IssueFilters } from '../../server/store/repositories.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { repositoriesOf } from '../../server/postgres/store.ts';
import { buildCountersSql, buildPresentSql } from '../../server/postgres/performance.ts';
import { ISSUE_SOURCES } from '../../server/domain/issue-vocabulary.ts';
import type { Repositories } from '../../server/store/repositories.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, type TestDistrict } from '../support/test-district.ts';

/**
 * The hot queries on PostgreSQL can be served by their indexes. The queries are the
 * repositories' own, as sent; each is explained with sequential scans priced out of reach, so a
 * plan that still scans a big table means no index serves it (the test district is small enough
 * that the planner would rightly scan it otherwise).
 */

describe.runIf(process.env.CIVGRID_TEST_POSTGRES_URL)('PostgreSQL query plans', () => {
  let district: TestDistrict;
  let sql: Sql;
  let repositories: Repositories;
  let sent: Array<{ query: string; parameters: unknown[] }> = [];

  beforeAll(async () => {
    district = await createTestDistrict('postgres', 3000);
    sql = connectDistrict(district.address, DEMO_DISTRICT.code, { max: 1, debug: (_connection, query, parameters) => { sent.push({ query, parameters }); } });
    await sql`SET enable_seqscan = off`;
    repositories = repositoriesOf(sql);
  });
  afterAll(async () => {
    await sql.end();
    await district.remove();
  });

  /** The plans of the queries `ask` sends, as text naming each node and index. */
  async function plansOf(ask: () => Promise<unknown>): Promise<string[]> {
    sent = [];
    await ask();
    const queries = sent.filter(({ query }) => !/^\s*(SET|EXPLAIN)/i.test(query));
    const plans: string[] = [];
    for (const { query, parameters } of queries) {
      const [row] = await sql.unsafe<Array<{ 'QUERY PLAN': unknown }>>(`EXPLAIN (FORMAT JSON) ${query}`, parameters as never[]);
      plans.push(JSON.stringify(row!['QUERY PLAN']));
    }
    return plans;
  }
  /** Whether a plan reads the problems or their events whole. */
  function scansIssues(plan: string): boolean {
    const scans = (node: { 'Node Type': string; 'Relation Name'?: string; Plans?: unknown[] }): boolean =>
      (node['Node Type'] === 'Seq Scan' && ['issues', 'issue_events'].includes(node['Relation Name'] ?? ''))
      || (node.Plans ?? []).some((child) => scans(child as typeof node));
    return (JSON.parse(plan) as Array<{ Plan: Parameters<typeof scans>[0] }>).some((statement) => scans(statement.Plan));
  }

  it('counts open and overdue problems per grid and per department from the partial indexes of open problems', async () => {
    const [byGrid] = await plansOf(() => sql.unsafe(buildPresentSql('grid'), [TEST_NOW]));
    expect(byGrid).toMatch(/issues_open_by_grid/);
    const [byDepartment] = await plansOf(() => sql.unsafe(buildPresentSql('department'), [TEST_NOW]));
    expect(byDepartment).toMatch(/issues_open_by_department/);
  });

  it('sums the daily counters of a window from their key', async () => {
    const [plan] = await plansOf(() => sql.unsafe(buildCountersSql('grid', 'unit', false), ['2026-10-01', '2026-10-31']));
    expect(plan).toMatch(/performance_daily_pkey/);
  });

  it('pages problems by grid and state, by department, and by a box on the map, without scanning them', async () => {
    const gridId = (await repositories.grids.idByCode('B07'))!;
    const filters = [
      { gridId, states: ['assigned' as const, 'in_progress' as const] },
      { departmentId: 3 },
      { bbox: { minLongitude: 116.99, minLatitude: 36.6, maxLongitude: 117.02, maxLatitude: 36.62 } },
      {},
    ];
    for (const filter of filters) {
      const plans = await plansOf(() => repositories.issues.count(filter, TEST_NOW).then((total) => repositories.issues.list(filter, { limit: 50 }, TEST_NOW, total)));
      for (const plan of plans) expect(scansIssues(plan), `${JSON.stringify(filter)}: ${plan.slice(0, 400)}`).toBe(false);
    }
    const pageOf = (filter: IssueFilters) => plansOf(() => repositories.issues.count(filter, TEST_NOW).then((total) => repositories.issues.list(filter, { limit: 50 }, TEST_NOW, total)));
    // A street's box through GiST; the whole district's by walking the newest problems.
    const streetBox = await pageOf({ bbox: { minLongitude: 117.0, minLatitude: 36.61, maxLongitude: 117.005, maxLatitude: 36.615 } });
    expect(streetBox.at(-1)).toMatch(/issues_by_position/);
    const districtBox = await pageOf({ bbox: { minLongitude: 116.9, minLatitude: 36.5, maxLongitude: 117.1, maxLatitude: 36.7 } });
    expect(districtBox.at(-1)).not.toMatch(/issues_by_position/);
    expect(districtBox.at(-1)).toMatch(/issues_pkey/);
  });

  it('reads a problem with its history and refusals, the live feed\'s resume, and the wall\'s counts through indexes', async () => {
    const asks: Array<() => Promise<unknown>> = [
      () => repositories.issues.get(17, TEST_NOW),
      () => repositories.issues.eventsAfter(1000, 200),
      () => repositories.screen.counts(TEST_NOW - 86_400_000, ISSUE_SOURCES, 8),
      () => repositories.screen.latestEvents(28),
      () => repositories.dataVersion.overdueUnchangedUntil(TEST_NOW),
    ];
    for (const ask of asks) {
      for (const plan of await plansOf(ask)) expect(scansIssues(plan), plan.slice(0, 400)).toBe(false);
    }
  });
});

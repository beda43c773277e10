import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePerformanceWindow } from '../../server/domain/performance-window.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../server/domain/scoring-settings.ts';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import { DEFAULT_ISSUE_COUNT } from '../../server/seed/seed-database.ts';
import { performanceByUnit } from '../../server/services/performance-report.ts';
import { createSeededDatabase, TEST_NOW, type TestDatabase } from '../support/test-database.ts';

/** The map must tell a story: the full demo district's grids spread across the grades. */
let district: TestDatabase;
beforeAll(() => {
  district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
});
afterAll(() => district.remove());

describe('the demo district under the default scoring', () => {
  it.each([['the last 30 days', {}], ['twelve months', { days: 365 }]])('spreads its grids across the grades over %s', async (_, requested) => {
    const window = resolvePerformanceWindow(requested, TEST_NOW);
    const rows = await performanceByUnit(createSqliteStore(district.database).repositories.performance, DEFAULT_SCORING_SETTINGS, 'grid', window, TEST_NOW);
    const gridsByGrade = new Map<string, number>();
    for (const row of rows) gridsByGrade.set(row.grade ?? 'insufficient', (gridsByGrade.get(row.grade ?? 'insufficient') ?? 0) + 1);
    expect([...gridsByGrade.keys()].filter((grade) => grade !== 'insufficient').length).toBeGreaterThanOrEqual(4);
    for (const grids of gridsByGrade.values()) expect(grids).toBeLessThanOrEqual(rows.length * 0.5);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../server/database/open.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';
import { seedDatabase, type SeedSummary } from '../../server/seed/seed-database.ts';
import type { District } from '../../server/store/districts.ts';

/** A fixed present for tests, so "overdue" and the generated year never drift. */
export const TEST_NOW = parseChinaDateTime('2026-11-20T15:00');
export const TEST_SEED = 'test-district';

export interface TestDatabase {
  database: Database;
  directory: string;
  path: string;
  basemapDirectory: string;
  summary: SeedSummary;
  remove: () => void;
}

/** A real SQLite file in a temporary folder, migrated and seeded with a small demo district, or another of the city's. */
export function createSeededDatabase(issueCount = 3000, district?: District): TestDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'civgrid-test-'));
  const path = join(directory, 'civgrid.db');
  const basemapDirectory = join(directory, 'basemap');
  const database = openDatabase(path);
  const summary = seedDatabase(database, { seed: district ? `${TEST_SEED}:${district.code}` : TEST_SEED, now: TEST_NOW, issueCount, basemapDirectory, district });
  return {
    database, directory, path, basemapDirectory, summary,
    remove: () => {
      if (database.open) database.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function temporaryDirectory(): { directory: string; remove: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'civgrid-test-'));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

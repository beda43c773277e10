import type { Database } from 'better-sqlite3';
import { buildBasemapLayers, writeBasemapLayers } from './basemap-layers.ts';
import { generateDemoDistrict } from './demo-district.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import { DEMO_DISTRICT, type District } from '../store/districts.ts';
import { writeDistrictCatalog } from '../sqlite/district-catalog.ts';
import { writeDistrict, type DistrictWritten } from '../sqlite/district-writer.ts';

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

export type SeedSummary = DistrictWritten;

export const DEFAULT_SEED = 'qingchuan';
export const DEFAULT_ISSUE_COUNT = 36_000;

export function isSeeded(database: Database): boolean {
  const row = database.prepare('SELECT EXISTS (SELECT 1 FROM grids) AS seeded').get() as { seeded: number };
  return row.seeded === 1;
}

/**
 * Fills an empty, migrated database with the demo district: generated as a value and written by
 * the writer every district goes in by, then given the demo's accounts. Deterministic for a seed and `now`.
 */
export function seedDatabase(database: Database, options: SeedOptions): SeedSummary {
  if (isSeeded(database)) throw new Error('the database already holds a district; it is never reseeded');
  const district = options.district ?? DEMO_DISTRICT;
  const demo = generateDemoDistrict(options);
  // One transaction: a seed interrupted part-way (say, Ctrl-C on first start) leaves an empty
  // database that the next start seeds again, never a district without its problems.
  const summary = database.transaction(() => {
    writeDistrictCatalog(database, district, demo.organization.categories);
    const written = writeDistrict(database, demo.contents);
    seedDemoAccounts(database, district, demo.organization, demo.busiestDepartment(), options.now);
    return written;
  })();
  if (options.basemapDirectory) writeBasemapLayers(options.basemapDirectory, buildBasemapLayers(demo.layout, demo.organization, demo.points));
  return summary;
}

import type { Database } from 'better-sqlite3';
import type { Sql } from 'postgres';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { District } from '../store/districts.ts';
import { connectPostgres } from './connect.ts';
import { connectDistrict, createDistrictSchema, prepareCatalog, registerDistrict } from './districts.ts';
import { migratePostgres } from './migrate.ts';
import { totalsFromPostgres } from './performance-rollups.ts';
import { totalsFromDatabase } from '../sqlite/performance-rollups.ts';
import type { ContributionTotals } from '../domain/performance-contributions.ts';

/**
 * Moves a district from its SQLite file into a PostgreSQL database, as a schema of its own beside
 * any districts already there: every table's rows, in one transaction on an empty schema, then
 * the identity sequences moved past the copied ids; the district is listed once it is all in.
 * Checked after: each table's row count, the stored counters equal on both sides, and equal to a
 * recomputation from the copied problems and their histories.
 */

/** In the order their references allow; the R*Tree is not copied, PostGIS indexes positions itself. */
export const COPIED_TABLES = [
  'district', 'streets', 'leaders', 'departments', 'grids', 'imports', 'grid_boundaries', 'grid_departments', 'issue_categories', 'category_routes', 'routing_rules',
  'inspection_point_types', 'inspection_points', 'field_evaluations', 'issues', 'issue_events', 'import_rows', 'column_mappings', 'performance_daily',
  'scoring_settings_changes', 'issue_refusals', 'bulk_refusals', 'bulk_refusal_issues',
  'accounts', 'password_history', 'sessions', 'screen_devices', 'audit_log',
  'photos', 'photo_uploads', 'issue_photos', 'idempotent_requests', 'bulletins', 'bulletin_files',
] as const;

/** Tables whose ids come from an identity column, to move past the copied ones. */
const IDENTITY_TABLES = ['inspection_points', 'field_evaluations', 'issues', 'issue_events', 'scoring_settings_changes', 'issue_refusals', 'bulk_refusals',
  'accounts', 'password_history', 'sessions', 'screen_devices', 'audit_log', 'photos', 'bulletins'];
/** Rows sent to COPY in one piece. */
const ROWS_PER_CHUNK = 2000;

/** A value in COPY's text format: \\N for null, and the backslash, tab and line breaks escaped. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  // bytea's hex form, its backslash doubled as COPY's text form asks.
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`;
  return String(value).replace(/[\\\t\n\r]/g, (character) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[character]!);
}

export class TargetNotEmptyError extends Error {
  constructor(code: string, table: string) {
    super(`the target database already holds the district ${code} (its ${table} has rows); moving into it would mix two installations, so nothing was copied`);
    this.name = 'TargetNotEmptyError';
  }
}

export interface CopyReport {
  district: District;
  rows: Record<string, number>;
  seconds: number;
}

export interface CopyProgress {
  (table: string, copied: number, total: number): void;
}

function counterRows(totals: ContributionTotals): string[] {
  return [...totals.totals.values()]
    .filter(({ counters }) => Object.values(counters).some((value) => value !== 0))
    .map(({ unitKind, unitId, day, counters }) => JSON.stringify([unitKind, unitId, day, ...Object.values(counters).map((value) => Math.round(value * 1e6) / 1e6)]))
    .sort();
}

async function storedCounterRows(target: Sql): Promise<string[]> {
  const rows = await target<Array<Record<string, string | number>>>`SELECT unit_kind, unit_id, to_char(day, 'YYYY-MM-DD') AS day, due, closed,
      closed_on_time, extended, rectify_minutes, new_issues, recurrences, rectifications_submitted, failed_inspections
    FROM performance_daily`;
  return rows.filter((row) => Object.entries(row).some(([name, value]) => !['unit_kind', 'unit_id', 'day'].includes(name) && value !== 0))
    .map((row) => JSON.stringify(Object.values(row).map((value) => (typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value)))).sort();
}

export async function copySqliteToPostgres(source: Database, url: string, progress: CopyProgress = () => {}): Promise<CopyReport> {
  const district = source.prepare('SELECT code, name FROM district').get() as District | undefined;
  if (!district) throw new Error('the source database holds no district yet; there is nothing to move');
  const catalog = connectPostgres(url, { max: 1 });
  const target = connectDistrict(url, district.code, { max: 2 });
  try {
    await prepareCatalog(catalog);
    await createDistrictSchema(catalog, district.code);
    const report = await copyInto(source, target, district, progress);
    await registerDistrict(catalog, district);
    return report;
  } finally {
    await Promise.all([catalog.end({ timeout: 5 }), target.end({ timeout: 5 })]);
  }
}

async function copyInto(source: Database, target: Sql, district: District, progress: CopyProgress): Promise<CopyReport> {
  const started = performance.now();
  await migratePostgres(target);
  for (const table of COPIED_TABLES) {
    const [row] = await target<[{ exists: boolean }]>`SELECT EXISTS (SELECT 1 FROM ${target(table)}) AS exists`;
    if (row.exists) throw new TargetNotEmptyError(district.code, table);
  }
  const rows: Record<string, number> = {};
  await target.begin(async (transaction) => {
    // The problem tables' indexes are built once after their rows are in, each in one sorted pass,
    // rather than kept up row by row (the SQLite seed does the same).
    const deferred = await transaction<Array<{ name: string; definition: string }>>`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename IN ('issues', 'issue_events')
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)`;
    for (const index of deferred) await transaction`DROP INDEX ${transaction(index.name)}`;
    for (const table of COPIED_TABLES) {
      const columns = (source.pragma(`table_info(${table})`) as Array<{ name: string }>).map((column) => column.name);
      const total = source.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      let copied = 0;
      async function* chunks(): AsyncGenerator<string> {
        let chunk = '';
        for (const row of source.prepare(`SELECT * FROM ${table}`).raw().iterate() as IterableIterator<unknown[]>) {
          chunk += `${row.map(copyText).join('\t')}\n`;
          copied += 1;
          if (copied % ROWS_PER_CHUNK === 0) {
            yield chunk;
            chunk = '';
            progress(table, copied, total);
          }
        }
        if (chunk) yield chunk;
        progress(table, copied, total);
      }
      // COPY streams the rows in PostgreSQL's text format, several times faster than INSERTs of them.
      await pipeline(Readable.from(chunks()), await transaction`COPY ${transaction(table)} (${transaction(columns)}) FROM STDIN`.writable());
      rows[table] = copied;
    }
    for (const index of deferred) await transaction.unsafe(index.definition);
    for (const table of IDENTITY_TABLES) {
      await transaction`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${transaction(table)}), 0) + 1, false)`;
    }
  });
  // Statistics for the planner, and the visibility map that lets counts be read from indexes alone.
  await target.unsafe(`VACUUM (ANALYZE) ${COPIED_TABLES.join(', ')}`);
  await checkCopy(source, target, rows);
  return { district, rows, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/** Refuses a copy whose row counts or counters differ from the source's. */
async function checkCopy(source: Database, target: Sql, copied: Record<string, number>): Promise<void> {
  for (const table of COPIED_TABLES) {
    const expected = source.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const [row] = await target<[{ count: number }]>`SELECT count(*)::bigint AS count FROM ${target(table)}`;
    if (row.count !== expected || copied[table] !== expected) throw new Error(`${table}: ${expected} rows in the source, ${row.count} in the target`);
  }
  const stored = await storedCounterRows(target);
  const recomputed = counterRows(await totalsFromPostgres(target));
  const sourceRecomputed = counterRows(totalsFromDatabase(source));
  if (JSON.stringify(stored) !== JSON.stringify(recomputed)) throw new Error('the copied performance counters differ from a recomputation from the copied problems');
  if (JSON.stringify(recomputed) !== JSON.stringify(sourceRecomputed)) throw new Error('the performance counters recomputed on both sides differ');
}

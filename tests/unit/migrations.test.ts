import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseTooNewError, migrate, schemaVersion, type Migration } from '../../server/database/migrate.ts';
import { MIGRATIONS } from '../../server/database/migrations/index.ts';
import { openDatabase } from '../../server/database/open.ts';
import { DERIVED_DATA_REBUILDERS } from '../../server/database/derived-data.ts';
import { recomputedCounters, storedCounters } from '../support/performance-counters.ts';
import { temporaryDirectory } from '../support/test-database.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function databasePath(): string {
  const { directory, remove } = temporaryDirectory();
  cleanups.push(remove);
  return join(directory, 'civgrid.db');
}

/** The least a database needs before it can hold an issue. */
const ONE_GRID_AND_CATEGORY = `
      INSERT INTO streets (id, code, name) VALUES (1, 'J01', '街道');
      INSERT INTO leaders (id, name, title) VALUES (1, '领导', '副区长');
      INSERT INTO grids (id, code, name, kind, street_id, leader_id, geometry, area_square_metres)
        VALUES (1, 'B01', '网格', 'block', 1, 1, '{}', 1);
      INSERT INTO issue_categories (id, code, name) VALUES (1, 'parent', '大类');
`;

describe('migrations', () => {
  it('bring a new database to the latest version, in WAL mode with foreign keys on', () => {
    const database = openDatabase(databasePath());
    cleanups.push(() => database.close());
    expect(schemaVersion(database)).toBe(MIGRATIONS.at(-1)!.version);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('are numbered in order without gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });

  it('run again without change on an up-to-date database', () => {
    const path = databasePath();
    openDatabase(path).close();
    const database = openDatabase(path);
    cleanups.push(() => database.close());
    expect(schemaVersion(database)).toBe(MIGRATIONS.length);
  });

  it('refuse a database from a newer version of CivGrid', () => {
    const path = databasePath();
    const newer = new Database(path);
    newer.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    newer.close();
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
  });

  it('roll back a failing upgrade entirely, version included', () => {
    const database = new Database(':memory:');
    cleanups.push(() => database.close());
    migrate(database, MIGRATIONS.slice(0, 2), DERIVED_DATA_REBUILDERS);
    const failing: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'fails halfway',
      up(db) {
        db.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(database, [...MIGRATIONS, failing], DERIVED_DATA_REBUILDERS)).toThrow('boom');
    expect(schemaVersion(database)).toBe(2);
    expect(database.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('half_done', 'performance_daily')").pluck().get()).toBe(0);
  });

  it('hold their own SQL and import nothing but the migration type, so later code cannot change an upgrade', () => {
    const directory = resolve(import.meta.dirname, '../../server/database/migrations');
    const files = readdirSync(directory).filter((file) => /^\d{3}-.*\.ts$/.test(file));
    expect(files).toHaveLength(MIGRATIONS.length);
    for (const file of files) {
      const imports = [...readFileSync(join(directory, file), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[0]);
      expect(imports, file).toEqual(["import type { Migration } from '../migrate.ts';"]);
    }
  });
});

describe('migration 3, performance counters', () => {
  it('gives a version-2 database holding problems its counters, recomputed by the current code after the upgrade', () => {
    const database = new Database(':memory:');
    cleanups.push(() => database.close());
    migrate(database, MIGRATIONS.slice(0, 2), DERIVED_DATA_REBUILDERS);
    database.exec(`${ONE_GRID_AND_CATEGORY}
      INSERT INTO departments (id, name, kind) VALUES (1, '城管局', 'bureau');
      INSERT INTO issue_categories (id, code, name, parent_id, deadline_amount, deadline_unit) VALUES (2, 'child', '小类', 1, 1, 'working_day');
      INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id, department_id, state,
          deadline_at, reported_at, assigned_at, rectified_at, closed_at, updated_at)
        VALUES (1, 'CC-1', 2, 'grid_patrol', '问题', '地址', 117, 36, 1, 1, 'closed',
          ${Date.parse('2026-10-13T17:30:00+08:00')}, ${Date.parse('2026-10-12T09:00:00+08:00')}, ${Date.parse('2026-10-12T10:00:00+08:00')},
          ${Date.parse('2026-10-13T11:00:00+08:00')}, ${Date.parse('2026-10-13T15:00:00+08:00')}, 0);
      INSERT INTO issue_events (issue_id, occurred_at, actor, action, from_state, to_state, changes)
        VALUES (1, ${Date.parse('2026-10-12T10:00:00+08:00')}, '调度员', 'dispatch', 'reported', 'assigned', '{"departmentId":[null,1]}');
    `);
    migrate(database, MIGRATIONS, DERIVED_DATA_REBUILDERS);
    const stored = storedCounters(database);
    expect(stored).toEqual(recomputedCounters(database));
    expect(stored.find((row) => row.unitKind === 'department' && row.day === '2026-10-13')).toMatchObject({ due: 1, closed: 1, closedOnTime: 1 });
  });
});

describe('migration 2, issue positions', () => {
  it('indexes the issues of a version-1 database and follows later inserts and moves', () => {
    const database = new Database(':memory:');
    cleanups.push(() => database.close());
    migrate(database, MIGRATIONS.slice(0, 1), DERIVED_DATA_REBUILDERS);
    database.exec(`${ONE_GRID_AND_CATEGORY}
      INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id, state, reported_at, updated_at)
        VALUES (1, 'CC-1', 1, 'grid_patrol', '问题', '地址', 117.0012345, 36.6054321, 1, 'reported', 0, 0);
    `);
    migrate(database, MIGRATIONS, DERIVED_DATA_REBUILDERS);
    database.exec(`INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id, state, reported_at, updated_at)
      VALUES (2, 'CC-2', 1, 'grid_patrol', '问题', '地址', 117.02, 36.61, 1, 'reported', 0, 0)`);
    database.exec('UPDATE issues SET longitude = 117.0300001 WHERE id = 1');
    expect(database.prepare('SELECT issue_id AS id, min_longitude_e7 AS longitude, max_latitude_e7 AS latitude FROM issue_positions ORDER BY issue_id').all())
      .toEqual([{ id: 1, longitude: 1_170_300_001, latitude: 366_054_321 }, { id: 2, longitude: 1_170_200_000, latitude: 366_100_000 }]);
  });
});

describe('history is kept', () => {
  it('refuses to delete issues or to change or delete their events', () => {
    const database = openDatabase(databasePath());
    cleanups.push(() => database.close());
    database.exec(`${ONE_GRID_AND_CATEGORY}
      INSERT INTO issue_categories (id, code, name, parent_id, deadline_amount, deadline_unit) VALUES (2, 'child', '小类', 1, 1, 'working_day');
      INSERT INTO issues (id, code, category_id, source, description, address, longitude, latitude, grid_id, state, reported_at, updated_at)
        VALUES (1, 'CC-1', 2, 'grid_patrol', '问题', '地址', 117, 36, 1, 'reported', 0, 0);
      INSERT INTO issue_events (issue_id, occurred_at, actor, action, to_state) VALUES (1, 0, '巡查员', 'report', 'reported');
    `);
    expect(() => database.exec('DELETE FROM issues')).toThrow(/never deleted/);
    expect(() => database.exec("UPDATE issue_events SET note = 'x'")).toThrow(/never changed/);
    expect(() => database.exec('DELETE FROM issue_events')).toThrow(/never deleted/);
    expect(database.prepare('SELECT count(*) FROM issue_events').pluck().get()).toBe(1);
  });

  it('refuses a reference to something that does not exist', () => {
    const database = openDatabase(databasePath());
    cleanups.push(() => database.close());
    expect(() => database.exec("INSERT INTO grid_departments (grid_id, department_id, role) VALUES (99, 99, 'lead')")).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 9, the district', () => {
  it('names a version-8 database holding grids the demo district, the only one there could be, and leaves an empty one unnamed', () => {
    const seeded = new Database(':memory:');
    const empty = new Database(':memory:');
    cleanups.push(() => seeded.close(), () => empty.close());
    for (const database of [seeded, empty]) migrate(database, MIGRATIONS.slice(0, 8), DERIVED_DATA_REBUILDERS);
    seeded.exec(ONE_GRID_AND_CATEGORY);
    for (const database of [seeded, empty]) migrate(database, MIGRATIONS, DERIVED_DATA_REBUILDERS);
    expect(seeded.prepare('SELECT code, name FROM district').all()).toEqual([{ code: 'qingchuan', name: '青川区' }]);
    expect(empty.prepare('SELECT count(*) FROM district').pluck().get()).toBe(0);
    expect(() => seeded.exec("INSERT INTO district (id, code, name) VALUES (2, 'donghu', '东湖区')")).toThrow(/CHECK/);
    expect(() => seeded.exec('DELETE FROM district')).toThrow(/never deleted/);
    expect(() => empty.exec("INSERT INTO district (id, code, name) VALUES (1, 'Dong Hu', '东湖区')")).toThrow(/CHECK/);
  });
});

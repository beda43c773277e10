import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { centroid } from '@turf/turf';
import { backupDatabase, backupFileName, backupTakenAt, listBackups, pruneBackups } from '../../server/database/backup.ts';
import { restoreDatabase } from '../../server/database/restore.ts';
import { registerServer } from '../../server/database/server-registry.ts';
import { openDatabase } from '../../server/database/open.ts';
import { nextDailyAt, parseChinaDateTime } from '../../server/domain/china-time.ts';
import type { GridCollection } from '../../server/schemas/contract.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createSeededDatabase, temporaryDirectory, TEST_NOW, type TestDatabase } from '../support/test-database.ts';
import { recomputedCounters, storedCounters } from '../support/performance-counters.ts';

/** Backups lose nothing acknowledged, and a restore puts back exactly what was backed up. */

let district: TestDatabase;
let app: FastifyInstance;
let place: [number, number];
beforeAll(async () => {
  district = createSeededDatabase(400);
  app = await buildTestApp({ database: district.database });
  const grids = (await app.inject({ method: 'GET', url: '/api/districts/qingchuan/grids' })).json() as GridCollection;
  place = centroid(grids.features.find((feature) => feature.properties.kind === 'block')!).geometry.coordinates as [number, number];
});
afterAll(async () => {
  await app.close();
  district.remove();
});

async function report(description: string): Promise<number> {
  const response = await app.inject({
    method: 'POST', url: '/api/districts/qingchuan/issues',
    payload: { category: 'exposed_garbage', source: 'citizen_report', description, address: '备份测试', longitude: place[0], latitude: place[1] },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as number;
}

const issueIds = (database: Database.Database) => new Set(database.prepare('SELECT id FROM issues').pluck().all() as number[]);

describe('an online backup', () => {
  it('holds every write acknowledged before it, the ones still in the write-ahead log included, which a copy of the file loses', async () => {
    const { directory, remove } = temporaryDirectory();
    try {
      // Keep new writes in the write-ahead log, as a busy server has them between checkpoints.
      district.database.pragma('wal_checkpoint(TRUNCATE)');
      district.database.pragma('wal_autocheckpoint = 0');
      const acknowledged: number[] = [];
      for (let index = 0; index < 20; index += 1) acknowledged.push(await report(`写入 ${index}`));

      copyFileSync(district.path, join(directory, 'copied.db'));
      const copied = new Database(join(directory, 'copied.db'), { readonly: true });
      expect(acknowledged.filter((id) => !issueIds(copied).has(id))).toEqual(acknowledged);
      copied.close();

      // Writes go on while the backup is taken.
      let writing = true;
      const during = (async () => {
        for (let index = 0; writing; index += 1) acknowledged.push(await report(`备份期间 ${index}`));
      })();
      const beforeBackup = acknowledged.length;
      const backup = await backupDatabase(district.path, directory, Date.now());
      writing = false;
      await during;

      const restored = new Database(backup.file, { readonly: true });
      try {
        const ids = issueIds(restored);
        expect(acknowledged.slice(0, beforeBackup).every((id) => ids.has(id))).toBe(true);
        // One snapshot: of the writes made while it ran, those it holds are the first ones, with no gap.
        const held = acknowledged.map((id) => ids.has(id));
        const firstMissing = held.includes(false) ? held.indexOf(false) : held.length;
        expect(firstMissing).toBeGreaterThanOrEqual(beforeBackup);
        expect(held.slice(firstMissing).every((isHeld) => !isHeld)).toBe(true);
        expect(storedCounters(restored)).toEqual(recomputedCounters(restored));
        expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        restored.close();
      }
      expect(readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      district.database.pragma('wal_autocheckpoint = 1000');
      remove();
    }
  });
});

describe('a restore', () => {
  it('puts a backup in the database\'s place, keeping the one it replaces, and the server reads it', async () => {
    const { directory, remove } = temporaryDirectory();
    try {
      const backup = await backupDatabase(district.path, directory, Date.now());
      const target = join(directory, 'civgrid.db');
      openDatabase(target).close();
      const { keptAs } = await restoreDatabase(backup.file, target, Date.now());
      expect(keptAs && existsSync(keptAs)).toBe(true);
      const restoredApp = await buildTestApp({ database: openDatabase(target) });
      try {
        const restoredCount = (await restoredApp.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?limit=1' })).json().total;
        expect(restoredCount).toBe((await app.inject({ method: 'GET', url: '/api/districts/qingchuan/issues?limit=1' })).json().total);
      } finally {
        await restoredApp.close();
      }
    } finally {
      remove();
    }
  });

  it('refuses while a server has the database open, a damaged file, and a backup from a newer version, changing nothing', async () => {
    const { directory, remove } = temporaryDirectory();
    try {
      const backup = await backupDatabase(district.path, directory, Date.now());
      const target = join(directory, 'civgrid.db');
      openDatabase(target).close();
      const unregister = registerServer(target);
      await expect(restoreDatabase(backup.file, target, Date.now())).rejects.toThrow(`is in use by a CivGrid server (process ${process.pid}); stop it first`);
      unregister();

      const damaged = join(directory, 'damaged.db');
      writeFileSync(damaged, Buffer.alloc(8192, 1));
      await expect(restoreDatabase(damaged, target, Date.now())).rejects.toThrow(/is not a database CivGrid can read|fails its integrity check/);
      const newer = join(directory, 'newer.db');
      copyFileSync(backup.file, newer);
      const handle = new Database(newer);
      handle.pragma('user_version = 999');
      handle.close();
      await expect(restoreDatabase(newer, target, Date.now())).rejects.toThrow(/from a newer CivGrid \(schema 999/);
      expect(readdirSync(directory).some((name) => name.includes('before-restore'))).toBe(false);
    } finally {
      remove();
    }
  });
});

describe('the backup schedule', () => {
  it('names backups by China time, runs next at the daily time, and keeps the newest while removing the expired', () => {
    const at = parseChinaDateTime('2026-11-20T15:00:07');
    expect(backupFileName(at)).toBe('civgrid-20261120-150007.db');
    expect(backupTakenAt('civgrid-20261120-150007.db')).toBe(at);
    expect(backupTakenAt('notes.txt')).toBeNull();
    expect(nextDailyAt(at, '02:00')).toBe(parseChinaDateTime('2026-11-21T02:00'));
    expect(nextDailyAt(parseChinaDateTime('2026-11-20T01:59'), '02:00')).toBe(parseChinaDateTime('2026-11-20T02:00'));

    const { directory, remove } = temporaryDirectory();
    try {
      for (const day of ['2026-10-01', '2026-11-01', '2026-11-15', '2026-11-19']) writeFileSync(join(directory, backupFileName(parseChinaDateTime(`${day}T02:00`))), '');
      writeFileSync(join(directory, 'notes.txt'), '');
      expect(pruneBackups(directory, 14, at).map((file) => basename(file))).toEqual(['civgrid-20261101-020000.db', 'civgrid-20261001-020000.db']);
      expect(listBackups(directory).map((backup) => backup.takenAt)).toEqual([parseChinaDateTime('2026-11-19T02:00'), parseChinaDateTime('2026-11-15T02:00')]);
      expect(pruneBackups(directory, 1, parseChinaDateTime('2027-06-01T00:00')).length).toBe(1);
      expect(listBackups(directory)).toHaveLength(1);
    } finally {
      remove();
    }
  });
});

describe('the server\'s own backups', () => {
  it('are taken on request as on schedule, and their age is in the readiness check and the metrics', async () => {
    const { directory, remove } = temporaryDirectory();
    // Read as a monitoring system would, with the metrics token.
    const metricsToken = 'prometheus-reads-this-token-2026';
    const backedUp = await buildTestApp({ database: openDatabase(district.path), backups: { databasePath: district.path, directory, dailyAt: null, keepDays: 14 }, security: { metricsToken }, signedInAs: null });
    const metrics = async () => (await backedUp.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } })).body;
    try {
      expect((await backedUp.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer not-the-token' } })).statusCode).toBe(401);
      expect(await metrics()).toMatch(/^civgrid_last_backup_age_seconds Nan$/m);
      const result = await backedUp.backups.runNow();
      expect(listBackups(directory).map((backup) => backup.file)).toEqual([result.file]);
      expect(await metrics()).toMatch(/^civgrid_last_backup_age_seconds 0$/m);
      expect((await backedUp.inject({ method: 'GET', url: '/api/health/ready' })).json().lastBackupAt).toBe(new Date(TEST_NOW).toISOString());
    } finally {
      await backedUp.close();
      remove();
    }
  });
});

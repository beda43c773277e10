import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS, formatChinaStamp, parseChinaDateTime } from '../domain/china-time.ts';

/**
 * Backups that lose nothing: SQLite's online backup API (through better-sqlite3) copies the
 * database as one consistent snapshot, the writes still in the write-ahead log included, which a
 * copy of the file silently left out. It runs on a thread of its own with a connection of its
 * own, so the server goes on answering and writing meanwhile, and every copy is checked
 * (`integrity_check`, schema version) before it takes its final name.
 */

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
  schemaVersion: number;
}

const BACKUP_NAME = /^civgrid-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.db$/;

/** A backup's file name from the China time it was taken: civgrid-20261120-150000.db. */
export const backupFileName = (instant: number) => `civgrid-${formatChinaStamp(instant)}.db`;

/** When a backup was taken, from its file name; null for any other file. */
export function backupTakenAt(fileName: string): number | null {
  const match = BACKUP_NAME.exec(fileName);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds] = match;
  return parseChinaDateTime(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}`);
}

// Plain JavaScript, since the worker runs outside this module's TypeScript. Given a source, it
// copies it in one step (one read transaction, so a consistent snapshot however the server writes
// meanwhile); then it checks the target.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
(async () => {
  if (workerData.source) {
    const source = new Database(workerData.source, { readonly: true, fileMustExist: true });
    try {
      await source.backup(workerData.target, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
  }
  const copy = new Database(workerData.target, { readonly: true, fileMustExist: true });
  try {
    parentPort.postMessage({ integrity: copy.pragma('integrity_check', { simple: true }), schemaVersion: copy.pragma('user_version', { simple: true }) });
  } finally {
    copy.close();
  }
})().catch((error) => parentPort.postMessage({ error: error.message }));
`;

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');

function runWorker(workerData: { source?: string; target: string }): Promise<{ integrity: string; schemaVersion: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...workerData, betterSqlite3 } });
    worker.once('message', (message: { integrity: string; schemaVersion: number } | { error: string }) => {
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

/** Checks a database file on a thread of its own: its integrity, and the schema version it holds. */
export async function checkDatabaseFile(path: string): Promise<{ integrity: string; schemaVersion: number }> {
  return runWorker({ target: path });
}

/** Backs the database at `databasePath` up into `directory`, named by `now` in China time. */
export async function backupDatabase(databasePath: string, directory: string, now: number): Promise<BackupResult> {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, backupFileName(now));
  const partial = `${file}.partial`;
  const started = performance.now();
  rmSync(partial, { force: true });
  try {
    const { integrity, schemaVersion } = await runWorker({ source: databasePath, target: partial });
    if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${integrity}`);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, seconds: (performance.now() - started) / 1000, schemaVersion };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The backups in a directory, newest first. */
export function listBackups(directory: string): Array<{ file: string; takenAt: number }> {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .map((name) => ({ file: join(directory, name), takenAt: backupTakenAt(name) }))
    .filter((backup): backup is { file: string; takenAt: number } => backup.takenAt !== null)
    .sort((a, b) => b.takenAt - a.takenAt);
}

/** Removes backups taken more than `keepDays` days before `now`, always keeping the newest; what it removed. */
export function pruneBackups(directory: string, keepDays: number, now: number): string[] {
  const [, ...older] = listBackups(directory);
  const expired = older.filter((backup) => backup.takenAt < now - keepDays * DAY_MS).map((backup) => backup.file);
  for (const file of expired) rmSync(file);
  return expired;
}

import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { formatChinaStamp } from '../domain/china-time.ts';
import { checkDatabaseFile } from './backup.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { runningServers } from './server-registry.ts';

/** A restore that cannot be done, and why, in words for the person at the console. */
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

/**
 * Puts a backup in the database's place, once the backup has passed its integrity check and is of
 * a schema this version understands, and no server has the database open. The database it
 * replaces is kept beside it, never deleted.
 */
export async function restoreDatabase(backupFile: string, databasePath: string, now: number): Promise<{ keptAs: string | null }> {
  if (!existsSync(backupFile)) throw new RestoreRefused(`${backupFile} does not exist`);
  const servers = runningServers(databasePath);
  if (servers.length > 0) throw new RestoreRefused(`${databasePath} is in use by a CivGrid server (process ${servers.join(', ')}); stop it first`);
  let checked: { integrity: string; schemaVersion: number };
  try {
    checked = await checkDatabaseFile(backupFile);
  } catch (error) {
    throw new RestoreRefused(`${backupFile} is not a database CivGrid can read: ${(error as Error).message}`);
  }
  if (checked.integrity !== 'ok') throw new RestoreRefused(`${backupFile} fails its integrity check: ${checked.integrity}`);
  const latest = MIGRATIONS.at(-1)!.version;
  if (checked.schemaVersion > latest) throw new RestoreRefused(`${backupFile} is from a newer CivGrid (schema ${checked.schemaVersion}, this one knows ${latest}); upgrade CivGrid first`);
  if (checked.schemaVersion === 0) throw new RestoreRefused(`${backupFile} is not a CivGrid database`);

  let keptAs: string | null = null;
  if (existsSync(databasePath)) {
    // Whatever is still in the write-ahead log goes into the file before it is set aside.
    const current = new Database(databasePath);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    keptAs = `${databasePath}.before-restore-${formatChinaStamp(now)}`;
    renameSync(databasePath, keptAs);
  }
  copyFileSync(backupFile, `${databasePath}.partial`);
  renameSync(`${databasePath}.partial`, databasePath);
  return { keptAs };
}

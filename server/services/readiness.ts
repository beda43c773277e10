import type { Database } from 'better-sqlite3';
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { schemaVersion } from '../database/migrate.ts';
import { MIGRATIONS } from '../database/migrations/index.ts';
import type { Readiness } from '../schemas/contract.ts';

/** Whether a write could be made now: one is begun and rolled back, so nothing is written. */
function writability(database: Database): Readiness['database'] {
  try {
    database.transaction(() => database.pragma(`user_version = ${schemaVersion(database)}`)).immediate();
    return 'writable';
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    return code.startsWith('SQLITE_READONLY') ? 'read-only' : code.startsWith('SQLITE_BUSY') ? 'busy' : 'failing';
  }
}

/** Whether the server can do its work: its database writable, its schema current, disk space left; and if not, why. */
export function readiness(database: Database, minimumFreeDiskBytes: number, lastBackupAt: number | null): Readiness {
  const writable = writability(database);
  const schema = schemaVersion(database) === MIGRATIONS.at(-1)!.version ? 'current' : 'behind';
  const disk = statfsSync(dirname(database.name));
  const freeDiskBytes = disk.bavail * disk.bsize;
  const problems = [
    ...(writable === 'writable' ? [] : [`the database cannot be written now (${writable})`]),
    ...(schema === 'current' ? [] : ['the database schema is behind this version']),
    ...(freeDiskBytes >= minimumFreeDiskBytes ? [] : [`only ${Math.floor(freeDiskBytes / 1048576)} MB free where the database lives`]),
  ];
  return {
    status: problems.length === 0 ? 'ready' : 'not ready', database: writable, schema, freeDiskBytes, minimumFreeDiskBytes,
    lastBackupAt: lastBackupAt === null ? null : new Date(lastBackupAt).toISOString(), problems,
  };
}

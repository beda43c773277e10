import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '../store/store.ts';
import type { Readiness } from '../schemas/contract.ts';

/** Free bytes where an embedded database's file lives; a database server watches its own disks. */
function freeDiskBytes(store: Store): number | null {
  if (store.dialect !== 'sqlite') return null;
  const disk = statfsSync(dirname(store.location));
  return disk.bavail * disk.bsize;
}

/** Whether the server can do its work: its database writable, its schema current, disk space left; and if not, why. */
export async function readiness(store: Store, minimumFreeDiskBytes: number, lastBackupAt: number | null): Promise<Readiness> {
  const writable = await store.writability();
  const version = await store.schemaVersion();
  const schema = version.current === version.latest ? 'current' : 'behind';
  const free = freeDiskBytes(store);
  const problems = [
    ...(writable === 'writable' ? [] : [`the database cannot be written now (${writable})`]),
    ...(schema === 'current' ? [] : ['the database schema is behind this version']),
    ...(free === null || free >= minimumFreeDiskBytes ? [] : [`only ${Math.floor(free / 1048576)} MB free where the database lives`]),
  ];
  return {
    status: problems.length === 0 ? 'ready' : 'not ready', database: writable, schema, freeDiskBytes: free, minimumFreeDiskBytes,
    lastBackupAt: lastBackupAt === null ? null : new Date(lastBackupAt).toISOString(), problems,
  };
}

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

/** The worst of the districts' databases: one that cannot be written makes the server not ready. */
const WRITABILITY_ORDER = ['writable', 'busy', 'read-only', 'failing'] as const;

/**
 * Whether the server can do its work: every district's database writable, its schema current,
 * disk space left; and if not, why.
 */
export async function readiness(stores: readonly Store[], minimumFreeDiskBytes: number, lastBackupAt: number | null): Promise<Readiness> {
  const states = await Promise.all(stores.map(async (store) => ({ writable: await store.writability(), version: await store.schemaVersion(), free: freeDiskBytes(store) })));
  const writable = states.map((state) => state.writable).reduce((worst, each) => (WRITABILITY_ORDER.indexOf(each) > WRITABILITY_ORDER.indexOf(worst) ? each : worst), 'writable');
  const schema = states.every(({ version }) => version.current === version.latest) ? 'current' : 'behind';
  const frees = states.map((state) => state.free).filter((free): free is number => free !== null);
  const free = frees.length === 0 ? null : Math.min(...frees);
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

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which server processes have a database open: each leaves a file named by its process id beside
 * the database while it runs, so a restore can refuse to replace a database in use. A file left
 * by a process that died is recognised and ignored.
 */

const registryOf = (databasePath: string) => `${databasePath}.servers`;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Records this process as using the database; the function returned takes it off again. */
export function registerServer(databasePath: string, pid = process.pid): () => void {
  mkdirSync(registryOf(databasePath), { recursive: true });
  const file = join(registryOf(databasePath), String(pid));
  writeFileSync(file, `${new Date().toISOString()}\n`);
  return () => rmSync(file, { force: true });
}

/** The live processes using the database. */
export function runningServers(databasePath: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync(registryOf(databasePath));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => Number.isInteger(pid) && pid > 0 && isAlive(pid));
}

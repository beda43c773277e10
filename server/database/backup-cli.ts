import { loadConfig } from '../config.ts';
import { backupDatabase, pruneBackups } from './backup.ts';
import { restoreDatabase, RestoreRefused } from './restore.ts';
import { existsSync } from 'node:fs';

/**
 * `npm run backup`: an online backup of the configured database into CIVGRID_BACKUP_DIR, safe
 * while the server runs. `npm run restore -- FILE`: puts a backup in the database's place once
 * the server is stopped, keeping the database it replaces. One line of JSON on success; one line
 * saying what went wrong, and exit code 1, otherwise.
 */
const config = loadConfig(process.env);
const [command, file] = process.argv.slice(2);

try {
  if (command === 'backup') {
    if (!existsSync(config.databasePath)) throw new RestoreRefused(`there is no database at ${config.databasePath} to back up`);
    const result = await backupDatabase(config.databasePath, config.backup.directory, Date.now());
    console.log(JSON.stringify({ ...result, removed: pruneBackups(config.backup.directory, config.backup.keepDays, Date.now()) }));
  } else if (command === 'restore' && file) {
    const { keptAs } = await restoreDatabase(file, config.databasePath, Date.now());
    console.log(JSON.stringify({ restored: file, into: config.databasePath, previousDatabaseKeptAs: keptAs }));
  } else {
    throw new RestoreRefused('usage: npm run backup | npm run restore -- BACKUP_FILE');
  }
} catch (error) {
  console.error(`civgrid ${command ?? ''}: ${(error as Error).message}`);
  process.exit(1);
}

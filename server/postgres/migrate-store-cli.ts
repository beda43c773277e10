import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../database/open.ts';
import { runningServers } from '../database/server-registry.ts';
import { startupProblem } from '../startup-problems.ts';
import { describePostgres } from './connect.ts';
import { copySqliteToPostgres } from './copy-from-sqlite.ts';

/**
 * `npm run migrate-store -- --from data/civgrid.db --to postgres://…` moves the district in a
 * SQLite file into a PostgreSQL database (empty, or a city's holding other districts; never one
 * that holds this district already), checks it (row counts, counters) and says what it copied in
 * one line of JSON. The SQLite file is left as it was. The servers using the file must be stopped
 * first, so that nothing written during the move is left behind.
 */
const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });

try {
  if (!values.from || !values.to) throw new Error('usage: npm run migrate-store -- --from data/civgrid.db --to postgres://user@host:5432/database');
  const from = resolve(values.from);
  if (!existsSync(from)) throw new Error(`there is no database at ${from}`);
  if (!/^postgres(ql)?:\/\//.test(values.to)) throw new Error('--to must be a PostgreSQL address (postgres://…)');
  const running = runningServers(from);
  if (running.length > 0) throw new Error(`CivGrid servers (process ${running.join(', ')}) are using ${from}; stop them first so nothing they write is left behind`);
  const source = openDatabase(from);
  try {
    // One read transaction: the copy is of one moment of the source.
    source.exec('BEGIN');
    let shown = '';
    const report = await copySqliteToPostgres(source, values.to, (table, copied, total) => {
      const line = `${table}: ${copied.toLocaleString('en')} of ${total.toLocaleString('en')}`;
      if (process.stderr.isTTY && line !== shown) process.stderr.write(`\r${(shown = line).padEnd(60)}`);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(JSON.stringify({ from, to: describePostgres(values.to), ...report, checked: ['row counts', 'performance counters'] }));
  } finally {
    source.close();
  }
} catch (error) {
  const reason = startupProblem(error, { databasePath: values.from ?? 'the SQLite database', backupDirectory: 'the backup folder', port: 0 });
  console.error(`civgrid migrate-store: ${reason}`);
  process.exit(1);
}

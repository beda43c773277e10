import { DatabaseTooNewError } from './database/migrate.ts';

/**
 * What stopped the server starting, in one line for the person at the console: what, which file,
 * what to do. Anything not foreseen is given as it came, without its stack.
 */
export function startupProblem(error: unknown, where: { databasePath: string; backupDirectory: string; port: number }): string {
  const { databasePath, backupDirectory, port } = where;
  const code = String((error as { code?: unknown }).code ?? '');
  if ((error as { syscall?: unknown }).syscall === 'listen') {
    return code === 'EADDRINUSE'
      ? `port ${port} is already in use; stop the program using it, or set PORT to another port`
      : `cannot listen on port ${port}: ${(error as Error).message}`;
  }
  if (error instanceof DatabaseTooNewError) return `${databasePath}: ${error.message}`;
  const postgres = postgresProblem(error, code);
  if (postgres) return postgres;
  if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) {
    return `${databasePath} is damaged or is not a CivGrid database; restore a backup with npm run restore -- FILE (backups are kept in ${backupDirectory})`;
  }
  if (/^SQLITE_(CANTOPEN|READONLY)/.test(code) || ['EACCES', 'EROFS', 'EPERM', 'ENOTDIR', 'EEXIST'].includes(code)) {
    // A failing file operation names its own path (the database's folder, the backup or tile cache folder).
    const path = String((error as { path?: unknown }).path ?? databasePath);
    return `cannot write ${path}: it or its folder is read-only, not the server's, or a file stands where a folder should; give the server a writable place (CIVGRID_DB and the other folders in the README)`;
  }
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') return `the disk holding ${databasePath} is full; free some space and start again`;
  return (error as Error)?.message ?? String(error);
}

/** What stops a PostgreSQL database being used, said without the address's password. */
function postgresProblem(error: unknown, code: string): string | null {
  const message = String((error as Error)?.message ?? '');
  if (/extension "postgis"/.test(message)) return 'PostGIS is not installed on the PostgreSQL server (Debian: apt install postgresql-15-postgis-3), or the database user may not create the extension; see the README';
  if (code === 'ECONNREFUSED' && (error as { port?: unknown }).port !== undefined) return 'cannot reach the PostgreSQL server at the address given: it refused the connection; is it running, on that host and port?';
  if (code === 'ENOTFOUND') return 'cannot reach the PostgreSQL server at the address given: its host name is not known';
  if (code === '28P01' || code === '28000') return `the PostgreSQL server refused the address's user: ${message}`;
  if (code === '3D000') return `the database named in the PostgreSQL address does not exist on the server; create it (createdb) first`;
  if (code === '42501') return `the PostgreSQL address's user may not change the schema: ${message}`;
  return null;
}

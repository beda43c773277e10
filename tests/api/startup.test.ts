import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createSeededDatabase, temporaryDirectory, type TestDatabase } from '../support/test-database.ts';

/** A server that cannot start says why in one line, names the file and what to do, and exits with code 1. */

const projectRoot = resolve(import.meta.dirname, '../..');
let directory: string;
let remove: () => void;
beforeAll(() => ({ directory, remove } = temporaryDirectory()));
afterAll(() => remove());

function startServer(environment: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CIVGRID_BACKUP_TIME: 'off', CIVGRID_DAILY_BULLETIN_TIME: 'off', LOG_LEVEL: 'error', ...environment },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('exit', (code) => done({ code, stderr }));
  });
}

describe('a server that cannot start', () => {
  let busy: Server;
  let seeded: TestDatabase;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((listening) => busy.listen(0, '127.0.0.1', listening));
    seeded = createSeededDatabase(200);
    seeded.database.close();
  });
  afterAll(() => {
    busy.close();
    seeded.remove();
  });

  it.each<[string, () => Record<string, string>, RegExp]>([
    ['a database from a newer version', () => {
      const path = join(directory, 'newer.db');
      const database = new Database(path);
      database.pragma('user_version = 999');
      database.close();
      return { CIVGRID_DB: path };
    }, /^civgrid: cannot start: \S+newer\.db: database schema version 999 is newer than this CivGrid understands \(\d+\); upgrade CivGrid instead$/],
    ['a damaged database file', () => {
      const path = join(directory, 'damaged.db');
      writeFileSync(path, Buffer.alloc(16384, 7));
      return { CIVGRID_DB: path };
    }, /^civgrid: cannot start: \S+damaged\.db is damaged or is not a CivGrid database; restore a backup with npm run restore -- FILE/],
    ['a database where nothing can be written', () => ({ CIVGRID_DB: '/etc/hostname/civgrid.db' }),
      /^civgrid: cannot start: cannot write \/etc\/hostname: it or its folder is read-only, not the server's, or a file stands where a folder should/],
    ['a port already in use', () => ({ CIVGRID_DB: seeded.path, CIVGRID_BASEMAP_LAYERS: seeded.basemapDirectory, PORT: String((busy.address() as AddressInfo).port) }),
      /^civgrid: cannot start: port \d+ is already in use; stop the program using it, or set PORT to another port$/],
    ['a setting that makes no sense', () => ({ CIVGRID_REFRESH_SECONDS: 'often' }),
      /^civgrid: cannot start: CIVGRID_REFRESH_SECONDS must be a whole number from 0 to 86400, not often$/],
  ])('%s', async (_, environment, message) => {
    const { code, stderr } = await startServer(environment());
    expect(code).toBe(1);
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  }, 30_000);
});

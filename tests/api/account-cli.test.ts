import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import { openDatabase } from '../../server/database/open.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';
import { runCommand } from '../support/command-line.ts';

/** `npm run account` makes the first administrator of an installation, and resets a password, the password piped in as it would be typed. */

const account = (database: string, args: string[], input: string) => runCommand('server/account-cli.ts', database, args, input);

describe('npm run account', () => {
  let seeded: TestDatabase;
  beforeAll(() => {
    seeded = createSeededDatabase(100);
    seeded.database.close();
  });
  afterAll(() => seeded.remove());

  it('adds an account whose password, read from the input, must be changed at its first sign-in; refuses a weak one and an unknown role', async () => {
    const added = await account(seeded.path, ['add', '--username', '10001', '--role', 'admin', '--name', '王主任'], 'Install#2026\n');
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/^created 10001 \(admin\) in 青川区; it must change its password at first sign-in/);
    const weak = await account(seeded.path, ['add', '--username', '10002', '--role', 'admin'], 'password\n');
    expect(weak).toMatchObject({ code: 1, stderr: 'civgrid account: password: mix letters and digits\n' });
    const unknown = await account(seeded.path, ['add', '--username', '10003', '--role', 'superuser'], 'Install#2026\n');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^civgrid account: not a role: superuser/);

    const app = await buildTestApp({ store: createSqliteStore(openDatabase(seeded.path)), signedInAs: null });
    try {
      const signedIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: '10001', password: 'Install#2026' } });
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().account).toMatchObject({ displayName: '王主任', roles: ['admin'], mustChangePassword: true });
    } finally {
      await app.close();
    }
    const reset = await account(seeded.path, ['reset', '--username', '10001'], 'Again#2026\n');
    expect(reset.stdout).toMatch(/^10001 has a new password/);
    expect(reset.code).toBe(0);
  });
});

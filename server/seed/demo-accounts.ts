import { createHash } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import type { Database } from 'better-sqlite3';
import type { Role } from '../domain/roles.ts';
import { DEMO_DISTRICT, type District } from '../store/districts.ts';
import { tokenHash } from '../services/sessions.ts';

/**
 * The demo's accounts, one per role, and its big screen: demo only, listed in the README with
 * their shared password, which they are not made to change. Another district of a demo city
 * prefixes its usernames with its code (`donghu.commander`), so every username names one account.
 */

export const DEMO_PASSWORD = 'Demo#2026';

/** The demo wall's token: fixed, so that the README can give its link in full. */
export function demoScreenToken(district: District): string {
  return `${district.code}.${createHash('sha256').update(`civgrid demo wall:${district.code}`).digest('base64url')}`;
}

export const demoUsername = (district: District, role: Role) => (district.code === DEMO_DISTRICT.code ? role : `${district.code}.${role}`);

export function seedDemoAccounts(database: Database, district: District, now: number): void {
  const firstGrid = database.prepare('SELECT id, leader_id AS leaderId FROM grids ORDER BY code LIMIT 1').get() as { id: number; leaderId: number };
  const leader = database.prepare('SELECT id, name FROM leaders WHERE id = @leaderId').get(firstGrid) as { id: number; name: string };
  const leaderGrids = database.prepare('SELECT id FROM grids WHERE leader_id = @id ORDER BY code').pluck().all(leader) as number[];
  // The department holding the most problems, so that its narrowed view has plenty to show.
  const department = database.prepare(`SELECT d.id, d.name FROM departments d JOIN issues i ON i.department_id = d.id
    GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT 1`).get() as { id: number; name: string } | undefined
    ?? database.prepare('SELECT id, name FROM departments ORDER BY id LIMIT 1').get() as { id: number; name: string };
  const accounts: Array<{ role: Role; displayName: string; departmentId?: number; gridIds?: number[] }> = [
    { role: 'admin', displayName: '赵磊' },
    { role: 'auditor', displayName: '钱敏' },
    { role: 'commander', displayName: '孙浩' },
    { role: 'leader', displayName: leader.name, gridIds: leaderGrids },
    { role: 'department', displayName: `${department.name}联络员`, departmentId: department.id },
    { role: 'inspector', displayName: '周杰' },
    { role: 'gridworker', displayName: '吴芳', gridIds: [firstGrid.id] },
  ];
  const insert = database.prepare(`INSERT INTO accounts (username, display_name, roles, department_id, grid_ids, password_hash, must_change_password, created_at, updated_at)
    VALUES (@username, @displayName, @roles, @departmentId, @gridIds, @passwordHash, 0, @now, @now)`);
  const history = database.prepare('INSERT INTO password_history (account_id, password_hash, set_at) VALUES (@accountId, @passwordHash, @now)');
  for (const account of accounts) {
    const passwordHash = hashSync(DEMO_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const { lastInsertRowid } = insert.run({
      username: demoUsername(district, account.role), displayName: account.displayName, roles: JSON.stringify([account.role]),
      departmentId: account.departmentId ?? null, gridIds: JSON.stringify(account.gridIds ?? []), passwordHash, now,
    });
    history.run({ accountId: lastInsertRowid, passwordHash, now });
  }
  const [, secret] = demoScreenToken(district).split('.');
  database.prepare(`INSERT INTO screen_devices (name, token_hash, created_at, created_by) VALUES ('指挥中心大屏（演示）', @tokenHash, @now, @createdBy)`)
    .run({ tokenHash: tokenHash(secret!), now, createdBy: demoUsername(district, 'admin') });
}

import { createHash } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import type { Database } from 'better-sqlite3';
import type { Role } from '../domain/roles.ts';
import { DEMO_DISTRICT, type District } from '../store/districts.ts';
import { tokenHash } from '../services/sessions.ts';
import { createAccountRepository, createScreenDeviceRepository } from '../sqlite/security.ts';
import type { Organization } from './organization.ts';

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

/** The demo's accounts as its organization gives them: the leader of the first grid, the busiest department's liaison. */
export function seedDemoAccounts(database: Database, district: District, organization: Organization, busiestDepartment: number | null, now: number): void {
  const byCode = [...organization.grids].sort((a, b) => a.code.localeCompare(b.code));
  const firstGrid = byCode[0]!;
  const leader = organization.leaders[firstGrid.leaderId - 1]!;
  const department = organization.departments[(busiestDepartment ?? 1) - 1]!;
  const accounts: Array<{ role: Role; displayName: string; departmentId?: number; gridIds?: number[] }> = [
    { role: 'admin', displayName: '赵磊' },
    { role: 'auditor', displayName: '钱敏' },
    { role: 'commander', displayName: '孙浩' },
    { role: 'leader', displayName: leader.name, gridIds: byCode.filter((grid) => grid.leaderId === leader.id).map((grid) => grid.id) },
    { role: 'department', displayName: `${department.name}联络员`, departmentId: department.id },
    { role: 'inspector', displayName: '周杰' },
    { role: 'gridworker', displayName: '吴芳', gridIds: [firstGrid.id] },
  ];
  const accountRepository = createAccountRepository(database);
  for (const account of accounts) {
    const passwordHash = hashSync(DEMO_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const id = accountRepository.create({
      username: demoUsername(district, account.role), displayName: account.displayName, roles: [account.role],
      departmentId: account.departmentId ?? null, gridIds: account.gridIds ?? [], passwordHash, mustChangePassword: false,
    }, now);
    accountRepository.recordPassword(id, passwordHash, now);
  }
  const [, secret] = demoScreenToken(district).split('.');
  createScreenDeviceRepository(database).create({ name: '指挥中心大屏（演示）', tokenHash: tokenHash(secret!), at: now, createdBy: demoUsername(district, 'admin') });
}

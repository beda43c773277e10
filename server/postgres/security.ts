import type { Role } from '../domain/roles.ts';
import type {
  AccountChanges, AccountRecord, AccountRepository, AuditRecord, AuditRepository, ScreenDeviceRecord, ScreenDeviceRepository,
  SecurityRepositories, SessionRecord, SessionRepository,
} from '../store/security.ts';
import type { Queryable } from './connect.ts';

/** Column per changeable account field. */
const ACCOUNT_COLUMNS: Record<keyof AccountChanges, string> = {
  displayName: 'display_name',
  roles: 'roles',
  departmentId: 'department_id',
  gridIds: 'grid_ids',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
  failedSignIns: 'failed_sign_ins',
  lockedUntil: 'locked_until',
  disabledAt: 'disabled_at',
};

export function createAccountRepository(sql: Queryable): AccountRepository {
  const columns = sql`id, username, display_name AS "displayName", roles, department_id AS "departmentId", grid_ids AS "gridIds",
    password_hash AS "passwordHash", must_change_password AS "mustChangePassword", failed_sign_ins AS "failedSignIns",
    locked_until AS "lockedUntil", disabled_at AS "disabledAt", created_at AS "createdAt", updated_at AS "updatedAt" FROM accounts`;
  return {
    async byUsername(username) {
      const [row] = await sql<AccountRecord[]>`SELECT ${columns} WHERE username = ${username}`;
      return row;
    },
    async byId(id) {
      const [row] = await sql<AccountRecord[]>`SELECT ${columns} WHERE id = ${id}`;
      return row;
    },
    async list() {
      return [...await sql<AccountRecord[]>`SELECT ${columns} ORDER BY username`];
    },
    async create(account, at) {
      const [row] = await sql<{ id: number }[]>`INSERT INTO accounts (username, display_name, roles, department_id, grid_ids, password_hash,
          must_change_password, created_at, updated_at)
        VALUES (${account.username}, ${account.displayName}, ${sql.json(account.roles)}, ${account.departmentId}, ${sql.json(account.gridIds)},
          ${account.passwordHash}, ${account.mustChangePassword}, ${at}, ${at}) RETURNING id`;
      return row!.id;
    },
    async update(id, changes, at) {
      const values: Record<string, unknown> = { updated_at: at };
      for (const [field, value] of Object.entries(changes) as Array<[keyof AccountChanges, unknown]>) {
        if (value === undefined) continue;
        values[ACCOUNT_COLUMNS[field]] = field === 'roles' || field === 'gridIds' ? sql.json(value as Role[]) : value;
      }
      await sql`UPDATE accounts SET ${sql(values)} WHERE id = ${id}`;
    },
    async recentPasswordHashes(accountId, count) {
      const rows = await sql<{ hash: string }[]>`SELECT password_hash AS hash FROM password_history WHERE account_id = ${accountId} ORDER BY id DESC LIMIT ${count}`;
      return rows.map((row) => row.hash);
    },
    async recordPassword(accountId, passwordHash, at) {
      await sql`INSERT INTO password_history (account_id, password_hash, set_at) VALUES (${accountId}, ${passwordHash}, ${at})`;
    },
  };
}

export function createSessionRepository(sql: Queryable): SessionRepository {
  const columns = sql`id, account_id AS "accountId", created_at AS "createdAt", last_seen_at AS "lastSeenAt", ended_at AS "endedAt",
    end_reason AS "endReason", address, user_agent AS "userAgent" FROM sessions`;
  return {
    async create({ tokenHash, accountId, at, address, userAgent }) {
      const [row] = await sql<{ id: number }[]>`INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, address, user_agent)
        VALUES (${tokenHash}, ${accountId}, ${at}, ${at}, ${address}, ${userAgent}) RETURNING id`;
      return row!.id;
    },
    async byTokenHash(tokenHash) {
      const [row] = await sql<SessionRecord[]>`SELECT ${columns} WHERE token_hash = ${tokenHash}`;
      return row;
    },
    async touch(id, at) {
      await sql`UPDATE sessions SET last_seen_at = ${at} WHERE id = ${id} AND ended_at IS NULL`;
    },
    async end(id, at, reason) {
      await sql`UPDATE sessions SET ended_at = ${at}, end_reason = ${reason} WHERE id = ${id} AND ended_at IS NULL`;
    },
    async endAllOf(accountId, at, reason, except = 0) {
      const result = await sql`UPDATE sessions SET ended_at = ${at}, end_reason = ${reason}
        WHERE account_id = ${accountId} AND ended_at IS NULL AND id != ${except}`;
      return result.count;
    },
    async listOf(accountId, limit) {
      return [...await sql<SessionRecord[]>`SELECT ${columns} WHERE account_id = ${accountId} ORDER BY id DESC LIMIT ${limit}`];
    },
  };
}

export function createScreenDeviceRepository(sql: Queryable): ScreenDeviceRepository {
  const columns = sql`id, name, created_at AS "createdAt", created_by AS "createdBy", revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt" FROM screen_devices`;
  return {
    async create({ name, tokenHash, at, createdBy }) {
      const [row] = await sql<{ id: number }[]>`INSERT INTO screen_devices (name, token_hash, created_at, created_by)
        VALUES (${name}, ${tokenHash}, ${at}, ${createdBy}) RETURNING id`;
      return row!.id;
    },
    async list() {
      return [...await sql<ScreenDeviceRecord[]>`SELECT ${columns} ORDER BY id`];
    },
    async byTokenHash(tokenHash) {
      const [row] = await sql<ScreenDeviceRecord[]>`SELECT ${columns} WHERE token_hash = ${tokenHash}`;
      return row;
    },
    async byId(id) {
      const [row] = await sql<ScreenDeviceRecord[]>`SELECT ${columns} WHERE id = ${id}`;
      return row;
    },
    async revoke(id, at) {
      await sql`UPDATE screen_devices SET revoked_at = ${at} WHERE id = ${id} AND revoked_at IS NULL`;
    },
    async touch(id, at) {
      await sql`UPDATE screen_devices SET last_seen_at = ${at} WHERE id = ${id}`;
    },
  };
}

export function createAuditRepository(sql: Queryable): AuditRepository {
  return {
    async record(entry) {
      const [row] = await sql<{ id: number }[]>`INSERT INTO audit_log (occurred_at, username, address, action, target, outcome, detail)
        VALUES (${entry.occurredAt}, ${entry.username}, ${entry.address}, ${entry.action}, ${entry.target}, ${entry.outcome},
          ${entry.detail === null ? null : sql.json(entry.detail as never)}) RETURNING id`;
      return row!.id;
    },
    async list(filters, limit, beforeId) {
      const terms = [];
      if (filters.username !== undefined) terms.push(sql`username = ${filters.username}`);
      if (filters.action !== undefined) terms.push(sql`action = ${filters.action}`);
      if (filters.outcome !== undefined) terms.push(sql`outcome = ${filters.outcome}`);
      if (filters.from !== undefined) terms.push(sql`occurred_at >= ${filters.from}`);
      if (filters.before !== undefined) terms.push(sql`occurred_at < ${filters.before}`);
      if (beforeId !== undefined) terms.push(sql`id < ${beforeId}`);
      const where = terms.reduce((condition, term) => sql`${condition} AND ${term}`, sql`true`);
      return [...await sql<AuditRecord[]>`SELECT id, occurred_at AS "occurredAt", username, address, action, target, outcome, detail
        FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT ${limit}`];
    },
  };
}

export function securityRepositoriesOf(sql: Queryable): SecurityRepositories {
  return {
    accounts: createAccountRepository(sql),
    sessions: createSessionRepository(sql),
    screenDevices: createScreenDeviceRepository(sql),
    audit: createAuditRepository(sql),
  };
}

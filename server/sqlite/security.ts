import type { Database } from 'better-sqlite3';
import type { Role } from '../domain/roles.ts';
import type {
  AccountChanges, AccountRecord, AccountRepository, AuditEntry, AuditFilters, AuditRecord, AuditRepository, ScreenDeviceRecord,
  ScreenDeviceRepository, SessionRecord, SessionRepository,
} from '../store/security.ts';
import type { Synchronous } from './synchronous.ts';

interface AccountRow extends Omit<AccountRecord, 'roles' | 'gridIds' | 'mustChangePassword'> { roles: string; gridIds: string; mustChangePassword: number }

const toAccount = (row: AccountRow): AccountRecord => ({
  ...row, roles: JSON.parse(row.roles) as Role[], gridIds: JSON.parse(row.gridIds) as number[], mustChangePassword: row.mustChangePassword === 1,
});

const ACCOUNT_COLUMNS = `id, username, display_name AS displayName, roles, department_id AS departmentId, grid_ids AS gridIds,
  password_hash AS passwordHash, must_change_password AS mustChangePassword, failed_sign_ins AS failedSignIns,
  locked_until AS lockedUntil, disabled_at AS disabledAt, created_at AS createdAt, updated_at AS updatedAt FROM accounts`;

/** Column per changeable field, and how its value is stored. */
const ACCOUNT_FIELDS: Record<keyof AccountChanges, [string, (value: never) => unknown]> = {
  displayName: ['display_name', (value: string) => value],
  roles: ['roles', (value: Role[]) => JSON.stringify(value)],
  departmentId: ['department_id', (value: number | null) => value],
  gridIds: ['grid_ids', (value: number[]) => JSON.stringify(value)],
  passwordHash: ['password_hash', (value: string) => value],
  mustChangePassword: ['must_change_password', (value: boolean) => (value ? 1 : 0)],
  failedSignIns: ['failed_sign_ins', (value: number) => value],
  lockedUntil: ['locked_until', (value: number | null) => value],
  disabledAt: ['disabled_at', (value: number | null) => value],
};

export function createAccountRepository(database: Database): Synchronous<AccountRepository> {
  const statements = {
    byUsername: database.prepare(`SELECT ${ACCOUNT_COLUMNS} WHERE username = @username`),
    byId: database.prepare(`SELECT ${ACCOUNT_COLUMNS} WHERE id = @id`),
    list: database.prepare(`SELECT ${ACCOUNT_COLUMNS} ORDER BY username`),
    create: database.prepare(`INSERT INTO accounts (username, display_name, roles, department_id, grid_ids, password_hash, must_change_password, created_at, updated_at)
      VALUES (@username, @displayName, @roles, @departmentId, @gridIds, @passwordHash, @mustChangePassword, @at, @at)`),
    recentPasswords: database.prepare('SELECT password_hash FROM password_history WHERE account_id = @accountId ORDER BY id DESC LIMIT @count').pluck(),
    recordPassword: database.prepare('INSERT INTO password_history (account_id, password_hash, set_at) VALUES (@accountId, @passwordHash, @at)'),
  };
  const updates = new Map<string, ReturnType<Database['prepare']>>();
  return {
    byUsername: (username) => {
      const row = statements.byUsername.get({ username }) as AccountRow | undefined;
      return row && toAccount(row);
    },
    byId: (id) => {
      const row = statements.byId.get({ id }) as AccountRow | undefined;
      return row && toAccount(row);
    },
    list: () => (statements.list.all() as AccountRow[]).map(toAccount),
    create: (account, at) => Number(statements.create.run({
      ...account, roles: JSON.stringify(account.roles), gridIds: JSON.stringify(account.gridIds), mustChangePassword: account.mustChangePassword ? 1 : 0, at,
    }).lastInsertRowid),
    update: (id, changes, at) => {
      const fields = (Object.keys(changes) as Array<keyof AccountChanges>).filter((field) => changes[field] !== undefined).sort();
      const key = fields.join(',');
      let statement = updates.get(key);
      if (!statement) {
        statement = database.prepare(`UPDATE accounts SET ${fields.map((field) => `${ACCOUNT_FIELDS[field][0]} = @${field}`).join(', ')}${fields.length ? ', ' : ''}updated_at = @at WHERE id = @id`);
        updates.set(key, statement);
      }
      const parameters: Record<string, unknown> = { id, at };
      for (const field of fields) parameters[field] = ACCOUNT_FIELDS[field][1](changes[field] as never);
      statement.run(parameters);
    },
    recentPasswordHashes: (accountId, count) => statements.recentPasswords.all({ accountId, count }) as string[],
    recordPassword: (accountId, passwordHash, at) => {
      statements.recordPassword.run({ accountId, passwordHash, at });
    },
  };
}

const SESSION_COLUMNS = `id, account_id AS accountId, created_at AS createdAt, last_seen_at AS lastSeenAt, ended_at AS endedAt,
  end_reason AS endReason, address, user_agent AS userAgent FROM sessions`;
/** Every request's session check: one row by its unique hash. */
export const SESSION_BY_TOKEN_SQL = `SELECT ${SESSION_COLUMNS} WHERE token_hash = @tokenHash`;

export function createSessionRepository(database: Database): Synchronous<SessionRepository> {
  const statements = {
    create: database.prepare(`INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, address, user_agent)
      VALUES (@tokenHash, @accountId, @at, @at, @address, @userAgent)`),
    byTokenHash: database.prepare(SESSION_BY_TOKEN_SQL),
    touch: database.prepare('UPDATE sessions SET last_seen_at = @at WHERE id = @id AND ended_at IS NULL'),
    end: database.prepare('UPDATE sessions SET ended_at = @at, end_reason = @reason WHERE id = @id AND ended_at IS NULL'),
    endAll: database.prepare('UPDATE sessions SET ended_at = @at, end_reason = @reason WHERE account_id = @accountId AND ended_at IS NULL AND id != @except'),
    listOf: database.prepare(`SELECT ${SESSION_COLUMNS} WHERE account_id = @accountId ORDER BY id DESC LIMIT @limit`),
  };
  return {
    create: (session) => Number(statements.create.run(session).lastInsertRowid),
    byTokenHash: (tokenHash) => statements.byTokenHash.get({ tokenHash }) as SessionRecord | undefined,
    touch: (id, at) => {
      statements.touch.run({ id, at });
    },
    end: (id, at, reason) => {
      statements.end.run({ id, at, reason });
    },
    endAllOf: (accountId, at, reason, except = 0) => statements.endAll.run({ accountId, at, reason, except }).changes,
    listOf: (accountId, limit) => statements.listOf.all({ accountId, limit }) as SessionRecord[],
  };
}

const DEVICE_COLUMNS = `id, name, created_at AS createdAt, created_by AS createdBy, revoked_at AS revokedAt, last_seen_at AS lastSeenAt FROM screen_devices`;

export function createScreenDeviceRepository(database: Database): Synchronous<ScreenDeviceRepository> {
  const statements = {
    create: database.prepare('INSERT INTO screen_devices (name, token_hash, created_at, created_by) VALUES (@name, @tokenHash, @at, @createdBy)'),
    list: database.prepare(`SELECT ${DEVICE_COLUMNS} ORDER BY id`),
    byTokenHash: database.prepare(`SELECT ${DEVICE_COLUMNS} WHERE token_hash = @tokenHash`),
    byId: database.prepare(`SELECT ${DEVICE_COLUMNS} WHERE id = @id`),
    revoke: database.prepare('UPDATE screen_devices SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL'),
    touch: database.prepare('UPDATE screen_devices SET last_seen_at = @at WHERE id = @id'),
  };
  return {
    create: (device) => Number(statements.create.run(device).lastInsertRowid),
    list: () => statements.list.all() as ScreenDeviceRecord[],
    byTokenHash: (tokenHash) => statements.byTokenHash.get({ tokenHash }) as ScreenDeviceRecord | undefined,
    byId: (id) => statements.byId.get({ id }) as ScreenDeviceRecord | undefined,
    revoke: (id, at) => {
      statements.revoke.run({ id, at });
    },
    touch: (id, at) => {
      statements.touch.run({ id, at });
    },
  };
}

interface AuditRow extends Omit<AuditRecord, 'detail'> { detail: string | null }

export function createAuditRepository(database: Database): Synchronous<AuditRepository> {
  const record = database.prepare(`INSERT INTO audit_log (occurred_at, username, address, action, target, outcome, detail)
    VALUES (@occurredAt, @username, @address, @action, @target, @outcome, @detail)`);
  const lists = new Map<string, ReturnType<Database['prepare']>>();
  return {
    record: (entry: AuditEntry) => Number(record.run({ ...entry, detail: entry.detail === null ? null : JSON.stringify(entry.detail) }).lastInsertRowid),
    list: (filters: AuditFilters, limit: number, beforeId?: number) => {
      const terms: string[] = [];
      if (filters.username !== undefined) terms.push('username = @username');
      if (filters.action !== undefined) terms.push('action = @action');
      if (filters.outcome !== undefined) terms.push('outcome = @outcome');
      if (filters.from !== undefined) terms.push('occurred_at >= @from');
      if (filters.before !== undefined) terms.push('occurred_at < @before');
      if (beforeId !== undefined) terms.push('id < @beforeId');
      const key = terms.join(' AND ');
      let statement = lists.get(key);
      if (!statement) {
        statement = database.prepare(`SELECT id, occurred_at AS occurredAt, username, address, action, target, outcome, detail FROM audit_log
          ${terms.length ? `WHERE ${key}` : ''} ORDER BY id DESC LIMIT @limit`);
        lists.set(key, statement);
      }
      const rows = statement.all({ ...filters, beforeId, limit }) as AuditRow[];
      return rows.map((row) => ({ ...row, detail: row.detail === null ? null : JSON.parse(row.detail) as Record<string, unknown> }));
    },
  };
}

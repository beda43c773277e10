import type { Role } from '../domain/roles.ts';

/**
 * What the store keeps of the people and devices using CivGrid: accounts, sessions, screen
 * devices, and the audit log. Sign-ins and account changes run in transactions of their own,
 * which do not count as changes to the district's data (they leave cached answers standing);
 * a problem write keeps its audit entry in its own unit of work.
 */

export interface AccountRecord {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: number | null;
  gridIds: number[];
  passwordHash: string;
  mustChangePassword: boolean;
  failedSignIns: number;
  lockedUntil: number | null;
  disabledAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type NewAccount = Pick<AccountRecord, 'username' | 'displayName' | 'roles' | 'departmentId' | 'gridIds' | 'passwordHash' | 'mustChangePassword'>;
export type AccountChanges = Partial<Pick<AccountRecord, 'displayName' | 'roles' | 'departmentId' | 'gridIds' | 'passwordHash'
  | 'mustChangePassword' | 'failedSignIns' | 'lockedUntil' | 'disabledAt'>>;

export interface AccountRepository {
  byUsername(username: string): Promise<AccountRecord | undefined>;
  byId(id: number): Promise<AccountRecord | undefined>;
  list(): Promise<AccountRecord[]>;
  create(account: NewAccount, at: number): Promise<number>;
  update(id: number, changes: AccountChanges, at: number): Promise<void>;
  /** The account's last `count` password hashes, newest first (the current one among them). */
  recentPasswordHashes(accountId: number, count: number): Promise<string[]>;
  recordPassword(accountId: number, passwordHash: string, at: number): Promise<void>;
}

export const SESSION_END_REASONS = ['signed_out', 'revoked', 'idle', 'expired', 'password_changed', 'disabled'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export interface SessionRecord {
  id: number;
  accountId: number;
  createdAt: number;
  lastSeenAt: number;
  endedAt: number | null;
  endReason: SessionEndReason | null;
  address: string | null;
  userAgent: string | null;
}

export interface SessionRepository {
  create(session: { tokenHash: string; accountId: number; at: number; address: string | null; userAgent: string | null }): Promise<number>;
  byTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  touch(id: number, at: number): Promise<void>;
  end(id: number, at: number, reason: SessionEndReason): Promise<void>;
  /** Ends every open session of the account but `except`; answers how many. */
  endAllOf(accountId: number, at: number, reason: SessionEndReason, except?: number): Promise<number>;
  /** The account's sessions, newest first. */
  listOf(accountId: number, limit: number): Promise<SessionRecord[]>;
}

export interface ScreenDeviceRecord {
  id: number;
  name: string;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

export interface ScreenDeviceRepository {
  create(device: { name: string; tokenHash: string; at: number; createdBy: string }): Promise<number>;
  list(): Promise<ScreenDeviceRecord[]>;
  byTokenHash(tokenHash: string): Promise<ScreenDeviceRecord | undefined>;
  byId(id: number): Promise<ScreenDeviceRecord | undefined>;
  revoke(id: number, at: number): Promise<void>;
  touch(id: number, at: number): Promise<void>;
}

export interface AuditEntry {
  occurredAt: number;
  username: string | null;
  address: string | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'refused';
  detail: Record<string, unknown> | null;
}

export type AuditRecord = AuditEntry & { id: number };

/** Who did something, and from where, as the audit log keeps it. */
export interface AuditOrigin {
  username: string | null;
  address: string | null;
}

/** The audit entry of something done (not refused). */
export const auditEntry = (origin: AuditOrigin, at: number, action: string, target: string | null, detail: Record<string, unknown> | null): AuditEntry =>
  ({ occurredAt: at, username: origin.username, address: origin.address, action, target, outcome: 'ok', detail });

export interface AuditFilters {
  username?: string;
  action?: string;
  from?: number;
  before?: number;
  outcome?: 'ok' | 'refused';
}

export interface AuditRepository {
  record(entry: AuditEntry): Promise<number>;
  /** Newest first, `limit` at most, starting below the id `beforeId` when given. */
  list(filters: AuditFilters, limit: number, beforeId?: number): Promise<AuditRecord[]>;
}

export interface SecurityRepositories {
  accounts: AccountRepository;
  sessions: SessionRepository;
  screenDevices: ScreenDeviceRepository;
  audit: AuditRepository;
}

export interface SecurityStore {
  /** Reads, each seeing committed data only. */
  readonly repositories: SecurityRepositories;
  /** Runs `work` in one transaction of its own. */
  transaction<T>(work: (repositories: SecurityRepositories) => Promise<T>): Promise<T>;
}

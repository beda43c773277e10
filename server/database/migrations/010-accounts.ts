import type { Migration } from '../migrate.ts';

/**
 * Accounts, their sessions, the big screens' device tokens and the audit log (等保 2.0). Accounts
 * and devices are disabled or revoked, never deleted; sessions end, and stay listed; the audit
 * log and the password history are never changed at all.
 */
export const accounts: Migration = {
  version: 10,
  name: 'accounts, sessions, screen devices and the audit log',
  up(database) {
    database.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 40),
        display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
        department_id INTEGER REFERENCES departments (id),
        grid_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(grid_ids) AND json_type(grid_ids) = 'array'),
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        disabled_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TRIGGER accounts_are_never_deleted BEFORE DELETE ON accounts
      BEGIN SELECT RAISE(ABORT, 'accounts are never deleted; disable them instead'); END;

      CREATE TABLE password_history (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        password_hash TEXT NOT NULL,
        set_at INTEGER NOT NULL
      );
      CREATE INDEX password_history_by_account ON password_history (account_id, id);
      CREATE TRIGGER password_history_is_never_changed BEFORE UPDATE ON password_history
      BEGIN SELECT RAISE(ABORT, 'the password history is never changed'); END;
      CREATE TRIGGER password_history_is_never_deleted BEFORE DELETE ON password_history
      BEGIN SELECT RAISE(ABORT, 'the password history is never deleted'); END;

      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT CHECK (end_reason IN ('signed_out', 'revoked', 'idle', 'expired', 'password_changed', 'disabled')),
        address TEXT,
        user_agent TEXT
      );
      CREATE INDEX sessions_by_account ON sessions (account_id, id);
      CREATE TRIGGER sessions_are_never_deleted BEFORE DELETE ON sessions
      BEGIN SELECT RAISE(ABORT, 'sessions are never deleted; end them instead'); END;

      CREATE TABLE screen_devices (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at INTEGER,
        last_seen_at INTEGER
      );
      CREATE TRIGGER screen_devices_are_never_deleted BEFORE DELETE ON screen_devices
      BEGIN SELECT RAISE(ABORT, 'screen devices are never deleted; revoke them instead'); END;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        occurred_at INTEGER NOT NULL,
        username TEXT,
        address TEXT,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
        detail TEXT CHECK (detail IS NULL OR json_valid(detail))
      );
      CREATE INDEX audit_log_by_time ON audit_log (occurred_at);
      CREATE INDEX audit_log_by_username ON audit_log (username, id);
      CREATE INDEX audit_log_by_action ON audit_log (action, id);
      CREATE TRIGGER audit_log_is_never_changed BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;
      CREATE TRIGGER audit_log_is_never_deleted BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is never deleted'); END;
    `);
  },
};

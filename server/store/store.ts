import type { CommittedChangeListener } from './committed-changes.ts';
import type { Repositories } from './repositories.ts';
import type { District } from './districts.ts';
import type { SecurityStore } from './security.ts';

/**
 * The database behind CivGrid, whichever it is. Reads go through `repositories`, each call
 * seeing committed data only; every command runs in one unit of work, whose repositories read
 * and write inside its transaction.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, for logs and metrics (a file path, or a server without its password). */
  readonly location: string;
  readonly repositories: Repositories;
  /** Accounts, sessions, screen devices and the audit log. */
  readonly security: SecurityStore;
  /** The district the database holds; null before it is seeded or imported. */
  district(): Promise<District | null>;
  /**
   * Runs `work` in one transaction: committed when it returns, rolled back when it throws or
   * calls `rollback()`. Units of work do not nest.
   */
  unitOfWork<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` with the events and settings changes of every committed unit of work, in
   * the order they committed: this process's own, and with a database server, every process's.
   */
  onCommitted(listener: CommittedChangeListener): Promise<void>;
  /** The schema version the database is at, and the latest this code knows. */
  schemaVersion(): Promise<{ current: number; latest: number }>;
  /** Whether a write could be made now; nothing is written. */
  writability(): Promise<'writable' | 'read-only' | 'busy' | 'failing'>;
  close(): Promise<void>;
}

export interface UnitOfWork {
  readonly repositories: Repositories;
  /** Ends the unit of work without writing anything, once `work` returns. */
  rollback(): void;
}

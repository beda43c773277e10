import type { Sql } from 'postgres';
import { noteChanges, type CommittedChange, type CommittedChangeListener } from '../store/committed-changes.ts';
import type { Repositories } from '../store/repositories.ts';
import type { District } from '../store/districts.ts';
import type { Store, UnitOfWork } from '../store/store.ts';
import { describePostgres, type Queryable } from './connect.ts';
import { createDataVersionRepository } from './data-version.ts';
import { createGridRepository } from './grids.ts';
import { createImportRepository } from './imports.ts';
import { createProblemImportRepository } from './problem-imports.ts';
import { createOrganizationRepository } from './organization.ts';
import { createInspectionPointRepository } from './inspection-points.ts';
import { createIssueWorkflowRepository } from './issue-workflow.ts';
import { createIssueRepository } from './issues.ts';
import { LATEST_POSTGRES_VERSION, postgresSchemaVersion } from './migrate.ts';
import { createPerformanceRollups } from './performance-rollups.ts';
import { createPerformanceRepository } from './performance.ts';
import { createReferenceRepository } from './reference.ts';
import { createScoringSettingsRepository } from './scoring-settings.ts';
import { createScreenRepository } from './screen.ts';
import { createIdempotentRequestRepository, createPhotoRepository } from './photos.ts';
import { createBulletinRepository } from './bulletins.ts';
import { createAuditRepository, securityRepositoriesOf } from './security.ts';

export function repositoriesOf(sql: Queryable): Repositories & { performanceRollups: ReturnType<typeof createPerformanceRollups> } {
  return {
    grids: createGridRepository(sql),
    imports: createImportRepository(sql),
    problemImports: createProblemImportRepository(sql),
    organization: createOrganizationRepository(sql),
    audit: createAuditRepository(sql),
    issues: createIssueRepository(sql),
    workflow: createIssueWorkflowRepository(sql),
    inspectionPoints: createInspectionPointRepository(sql),
    reference: createReferenceRepository(sql),
    performance: createPerformanceRepository(sql),
    performanceRollups: createPerformanceRollups(sql),
    scoringSettings: createScoringSettingsRepository(sql),
    screen: createScreenRepository(sql),
    dataVersion: createDataVersionRepository(sql),
    photos: createPhotoRepository(sql),
    idempotentRequests: createIdempotentRequestRepository(sql),
    bulletins: createBulletinRepository(sql),
  };
}

/**
 * Held by every unit of work on a district until it commits: the district's writers take turns
 * across every process, as SQLite's write lock makes them, so that event ids are handed out in
 * the order their units commit and a client resuming after an id misses nothing committed later
 * with a smaller one. The second key tells the districts apart; their writers never wait on each other.
 */
const WRITE_LOCK = 2026_17_02;

export interface PostgresStoreOptions {
  /** The channel the district's committed changes are announced on; PostgreSQL delivers them in commit order. */
  channel: string;
  /** The pool whose listening connection hears them; omitted, the store's own. */
  listeningPool?: Sql;
  /**
   * `normal`: a commit returns before PostgreSQL has flushed it to disk, as SQLite's default does
   * in WAL mode; a crash of the database server or of the machine may lose the last moment's
   * commits, never corrupt the database. `full` (the default here): each commit waits for the disk.
   */
  synchronous?: 'normal' | 'full';
}

/** A unit asked to roll back: postgres.js rolls a transaction back when its callback throws. */
class RolledBack<T> {
  constructor(readonly result: T) {}
}

/** Event ids per notice: a notice's payload must stay under PostgreSQL's 8,000 bytes. */
export const EVENT_IDS_PER_NOTICE = 200;

/** A committed change as the payloads of its notices: a unit's events go in as many as their ids need. */
export function toNotices(change: CommittedChange): string[] {
  if (change.kind !== 'events') return [JSON.stringify(change)];
  const notices: string[] = [];
  for (let start = 0; start < change.eventIds.length; start += EVENT_IDS_PER_NOTICE) {
    notices.push(JSON.stringify({ kind: 'events', eventIds: change.eventIds.slice(start, start + EVENT_IDS_PER_NOTICE) } satisfies CommittedChange));
  }
  return notices;
}

/**
 * A CivGrid database on a PostgreSQL server, shared by any number of server processes: each
 * unit of work is one transaction that bumps the data version and announces what it recorded on
 * a channel every process listens to.
 */
export function createPostgresStore(sql: Sql, url: string, { channel, listeningPool = sql, synchronous = 'full' }: PostgresStoreOptions): Store {
  const listeners: CommittedChangeListener[] = [];
  let listening: Promise<{ unlisten(): Promise<void> }> | null = null;

  return {
    dialect: 'postgres',
    location: describePostgres(url),
    repositories: repositoriesOf(sql),
    // Account writes take no district write lock and leave the data version alone: they change no figure.
    security: {
      repositories: securityRepositoriesOf(sql),
      transaction: async (work) => await sql.begin((transaction) => work(securityRepositoriesOf(transaction))) as never,
    },

    async district() {
      const [row] = await sql<District[]>`SELECT code, name FROM district`;
      return row ?? null;
    },

    async unitOfWork<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
      try {
        return await sql.begin(async (transaction) => {
          // A command's queries look up rows by key, whose plans do not depend on the values:
          // within it, cached plans are used again rather than each query planned afresh. Sent
          // without waiting: the command's first queries follow it down the connection in the same
          // round trip, and PostgreSQL runs them after it, with the lock held.
          const locked = transaction`SELECT pg_advisory_xact_lock(${WRITE_LOCK}::integer, hashtext(${channel})), set_config('plan_cache_mode', 'auto', true),
            set_config('synchronous_commit', ${synchronous === 'full' ? 'on' : 'off'}, true)`.execute();
          // Its failure aborts the transaction, which the command's own queries then report.
          locked.catch(() => undefined);
          const noted: CommittedChange[] = [];
          let rolledBack = false;
          const repositories = repositoriesOf(transaction);
          const result = await work({ repositories: noteChanges(repositories, noted), rollback: () => { rolledBack = true; } });
          await locked;
          if (rolledBack) throw new RolledBack(result);
          const notices = noted.flatMap(toNotices);
          // The counters written, the version bumped and the notices sent in one round trip, the notices in the order they were noted.
          await Promise.all([
            repositories.performanceRollups.flush(),
            transaction`WITH bumped AS (UPDATE data_version SET version = version + 1 RETURNING version)
              SELECT pg_notify(${channel}, notice) FROM bumped, unnest(${notices}::text[]) AS notice`,
          ]);
          return result;
        }) as T;
      } catch (error) {
        if (error instanceof RolledBack) return error.result as T;
        throw error;
      }
    },

    async onCommitted(listener) {
      listeners.push(listener);
      // Listening before the first unit of work this process commits, so none of its own is missed.
      await (listening ??= listeningPool.listen(channel, (payload) => {
        const change = JSON.parse(payload) as CommittedChange;
        for (const each of listeners) each(change);
      }));
    },

    async schemaVersion() {
      return { current: await postgresSchemaVersion(sql), latest: LATEST_POSTGRES_VERSION };
    },

    async writability() {
      try {
        const [row] = await sql<[{ readOnly: boolean }]>`SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS "readOnly"`;
        return row.readOnly ? 'read-only' : 'writable';
      } catch {
        return 'failing';
      }
    },

    async close() {
      // A shared listening connection stays open for the other districts; this one stops hearing its channel.
      if (listening && listeningPool !== sql) await (await listening).unlisten();
      await sql.end({ timeout: 5 });
    },
  };
}

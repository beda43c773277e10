import type { Database } from 'better-sqlite3';
import { schemaVersion } from '../database/migrate.ts';
import { MIGRATIONS } from '../database/migrations/index.ts';
import { noteChanges, type CommittedChange, type CommittedChangeListener } from '../store/committed-changes.ts';
import type { Repositories } from '../store/repositories.ts';
import type { District } from '../store/districts.ts';
import type { Store, UnitOfWork } from '../store/store.ts';
import { createDataVersionRepository } from './data-version.ts';
import { createGridRepository } from './grids.ts';
import { createImportRepository } from './imports.ts';
import { createProblemImportRepository } from './problem-imports.ts';
import { createOrganizationRepository } from './organization.ts';
import { createInspectionPointRepository } from './inspection-points.ts';
import { createIssueWorkflowRepository } from './issue-workflow.ts';
import { createIssueRepository } from './issues.ts';
import { createPerformanceRollups } from './performance-rollups.ts';
import { createPerformanceRepository } from './performance.ts';
import { createReferenceRepository } from './reference.ts';
import { createScoringSettingsRepository } from './scoring-settings.ts';
import { createScreenRepository } from './screen.ts';
import { asynchronous } from './synchronous.ts';
import { createIdempotentRequestRepository, createPhotoRepository } from './photos.ts';
import { createBulletinRepository } from './bulletins.ts';
import { createAccountRepository, createAuditRepository, createScreenDeviceRepository, createSessionRepository } from './security.ts';
import type { SecurityRepositories } from '../store/security.ts';

function securityRepositoriesOf(database: Database, ready?: () => Promise<void> | undefined): SecurityRepositories {
  return {
    accounts: asynchronous(createAccountRepository(database), ready),
    sessions: asynchronous(createSessionRepository(database), ready),
    screenDevices: asynchronous(createScreenDeviceRepository(database), ready),
    audit: asynchronous(createAuditRepository(database), ready),
  };
}

function repositoriesOf(database: Database, ready?: () => Promise<void> | undefined): Repositories {
  return {
    grids: asynchronous(createGridRepository(database), ready),
    imports: asynchronous(createImportRepository(database), ready),
    problemImports: asynchronous(createProblemImportRepository(database), ready),
    organization: asynchronous(createOrganizationRepository(database), ready),
    audit: asynchronous(createAuditRepository(database), ready),
    issues: asynchronous(createIssueRepository(database), ready),
    workflow: asynchronous(createIssueWorkflowRepository(database), ready),
    inspectionPoints: asynchronous(createInspectionPointRepository(database), ready),
    reference: asynchronous(createReferenceRepository(database), ready),
    performance: asynchronous(createPerformanceRepository(database), ready),
    performanceRollups: asynchronous(createPerformanceRollups(database), ready),
    scoringSettings: asynchronous(createScoringSettingsRepository(database), ready),
    screen: asynchronous(createScreenRepository(database), ready),
    dataVersion: asynchronous(createDataVersionRepository(database), ready),
    photos: asynchronous(createPhotoRepository(database), ready),
    idempotentRequests: asynchronous(createIdempotentRequestRepository(database), ready),
    bulletins: asynchronous(createBulletinRepository(database), ready),
  };
}

/**
 * The embedded store: one better-sqlite3 connection, whose every statement runs to completion
 * before anything else does. Units of work take turns; each takes the write lock up front
 * (BEGIN IMMEDIATE), so that one which began by reading is never refused at its first write
 * while another process writes, but waits its turn (the busy timeout). Reads outside a unit of
 * work wait while one is open, since they share its connection and would see its uncommitted
 * writes.
 */
export function createSqliteStore(database: Database): Store {
  let openUnit: Promise<void> | null = null;
  const noUnitOpen = async () => {
    while (openUnit) await openUnit;
  };
  const ready = () => (openUnit ? noUnitOpen() : undefined);
  const unitRepositories = repositoriesOf(database);
  const unitSecurityRepositories = securityRepositoriesOf(database);
  const listeners: CommittedChangeListener[] = [];
  let turn: Promise<unknown> = Promise.resolve();
  /** Runs `run` when the units of work before it are done. */
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = turn.then(run);
    turn = result.catch(() => undefined);
    return result;
  };

  async function run<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    let rolledBack = false;
    let finish!: () => void;
    openUnit = new Promise((resolve) => { finish = resolve; });
    const noted: CommittedChange[] = [];
    try {
      database.exec('BEGIN IMMEDIATE');
      const result = await work({ repositories: noteChanges(unitRepositories, noted), rollback: () => { rolledBack = true; } });
      database.exec(rolledBack ? 'ROLLBACK' : 'COMMIT');
      if (!rolledBack) for (const change of noted) for (const listener of listeners) listener(change);
      return result;
    } catch (error) {
      if (database.inTransaction) database.exec('ROLLBACK');
      throw error;
    } finally {
      openUnit = null;
      finish();
    }
  }

  return {
    dialect: 'sqlite',
    location: database.name,
    repositories: repositoriesOf(database, ready),
    async district() {
      await noUnitOpen();
      return (database.prepare('SELECT code, name FROM district').get() as District | undefined) ?? null;
    },
    unitOfWork<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
      return inTurn(() => run(work));
    },
    security: {
      repositories: securityRepositoriesOf(database, ready),
      transaction: (work) => inTurn(() => run(() => work(unitSecurityRepositories))),
    },
    async onCommitted(listener) {
      listeners.push(listener);
    },
    async schemaVersion() {
      return { current: schemaVersion(database), latest: MIGRATIONS.at(-1)!.version };
    },
    async writability() {
      try {
        await noUnitOpen();
        // The write lock is taken and the schema version set to itself: nothing changes.
        database.transaction(() => database.pragma(`user_version = ${schemaVersion(database)}`)).immediate();
        return 'writable';
      } catch (error) {
        const code = String((error as { code?: unknown }).code ?? '');
        return code.startsWith('SQLITE_READONLY') ? 'read-only' : code.startsWith('SQLITE_BUSY') ? 'busy' : 'failing';
      }
    },
    async close() {
      await turn;
      if (database.open) database.close();
    },
  };
}

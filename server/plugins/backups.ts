import fastifyPlugin from 'fastify-plugin';
import { backupDatabase, listBackups, pruneBackups, type BackupResult } from '../database/backup.ts';
import { nextDailyAt } from '../domain/china-time.ts';

export interface BackupSchedule {
  /** The database file to back up. */
  databasePath: string;
  directory: string;
  /** China wall-clock time of the daily backup (`HH:mm`), or null for none. */
  dailyAt: string | null;
  /** Backups older than this many days are removed after a new one is taken. */
  keepDays: number;
}

export interface BackupStatus {
  /** When the newest backup was taken, epoch ms; null when there is none. */
  lastTakenAt: number | null;
  /** Why the latest attempt failed, when it did. */
  lastFailure: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    backups: { status(): BackupStatus; runNow(): Promise<BackupResult> };
  }
}

/** The nightly backup (CIVGRID_BACKUP_TIME, default 02:00 China time) and its state, for health and metrics. */
export default fastifyPlugin<BackupSchedule>(async (fastify, schedule) => {
  const status: BackupStatus = { lastTakenAt: listBackups(schedule.directory)[0]?.takenAt ?? null, lastFailure: null };
  let timer: NodeJS.Timeout | undefined;

  async function runNow(): Promise<BackupResult> {
    const now = fastify.now();
    try {
      const result = await backupDatabase(schedule.databasePath, schedule.directory, now);
      status.lastTakenAt = now;
      status.lastFailure = null;
      const removed = pruneBackups(schedule.directory, schedule.keepDays, now);
      fastify.log.info({ ...result, removed }, 'backup taken');
      return result;
    } catch (error) {
      status.lastFailure = (error as Error).message;
      fastify.log.error({ err: error }, 'backup failed');
      throw error;
    }
  }

  const scheduleNext = () => {
    if (schedule.dailyAt === null) return;
    const delay = nextDailyAt(fastify.now(), schedule.dailyAt) - fastify.now();
    timer = setTimeout(() => void runNow().catch(() => undefined).finally(scheduleNext), delay);
    timer.unref();
  };
  scheduleNext();
  fastify.addHook('onClose', async () => clearTimeout(timer));
  fastify.decorate('backups', { status: () => ({ ...status }), runNow });
}, { name: 'backups', dependencies: ['clock'] });

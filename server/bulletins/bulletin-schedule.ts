import type { FastifyBaseLogger } from 'fastify';
import { chinaDay, nextDailyAt, parseChinaDateTime } from '../domain/china-time.ts';
import type { Store } from '../store/store.ts';
import type { District } from '../store/districts.ts';
import type { PhotoFiles } from '../photos/photo-files.ts';
import { issueBulletin } from './issue-bulletin.ts';

/**
 * The 日通报 the server issues by itself at its set time (CIVGRID_DAILY_BULLETIN_TIME, default
 * 18:00 China time), as the office does every evening: for the day, unless one has been issued
 * for it. A server started after that time issues the day's at once.
 */
export function scheduleDailyBulletin(options: { store: Store; district: District; photoFiles: PhotoFiles; dailyAt: string; now: () => number; log: FastifyBaseLogger }): () => Promise<void> {
  const { store, district, photoFiles, dailyAt, now, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const issueIfDue = async () => {
    const at = now();
    const today = chinaDay(at);
    if (at < parseChinaDateTime(`${today}T${dailyAt}`)) return;
    if (await store.repositories.bulletins.issuedFor('daily', today)) return;
    const { bulletin, made } = await issueBulletin(store, district, photoFiles, { series: 'daily', date: today, draft: false, madeBy: 'schedule', onlyOnce: true }, at);
    // Another server on the same database issued it meanwhile.
    if (!made) return;
    log.info({ bulletin: bulletin.id, number: bulletin.number }, `issued the 日通报 of ${today}, ${bulletin.year} no. ${bulletin.number}`);
  };
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = issueIfDue().catch((error: unknown) => log.error({ err: error }, 'the scheduled 日通报 could not be issued')).finally(next);
    }, nextDailyAt(now(), dailyAt) - now());
    timer.unref();
  };
  running = issueIfDue().catch((error: unknown) => log.error({ err: error }, 'the 日通报 due before the server started could not be issued')).finally(next);
  // Stopping lets a bulletin being written finish, so the database is not closed under it.
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

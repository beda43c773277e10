import type { Database } from 'better-sqlite3';
import type { IssueSource } from '../domain/issue-vocabulary.ts';
import type { LatestEvent, ScreenCounts, ScreenRepository } from '../store/repositories.ts';
import { OPEN_STATES_SQL } from '../store/issue-state-sql.ts';
import type { Synchronous } from './synchronous.ts';

/** The big screen's counts of today and of what is open, each from an index. */

/** Today's counts, exported for the query-plan tests. */
export const NEW_SINCE_SQL = 'SELECT count(*) FROM issues WHERE reported_at >= @since';
export const CLOSED_SINCE_SQL = 'SELECT count(*) FROM issues WHERE closed_at >= @since';

/** The newest events worth showing on the wall, newest first by when they happened (ids follow insertion, not time). */
export const LATEST_EVENTS_SQL = `SELECT e.id, e.occurred_at AS occurredAt, e.action, e.actor, i.id AS issueId, i.code AS issueCode,
        c.name AS categoryName, g.name AS gridName,
        CASE WHEN e.action = 'pass_inspection' THEN (SELECT ip.photo_id FROM issue_photos ip WHERE ip.issue_id = e.issue_id AND ip.event_id = (SELECT max(latest.event_id) FROM issue_photos latest
          WHERE latest.issue_id = e.issue_id AND latest.stage = 'rectification' AND latest.event_id < e.id) ORDER BY ip.ordinal LIMIT 1) END AS photoId
      FROM issue_events e JOIN issues i ON i.id = e.issue_id JOIN issue_categories c ON c.id = i.category_id JOIN grids g ON g.id = i.grid_id
      WHERE e.action IN ('report', 'pass_inspection', 'dispatch', 'reassign', 'fail_inspection', 'void')
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT @limit`;

export function createScreenRepository(database: Database): Synchronous<ScreenRepository> {
  const statements = {
    newToday: database.prepare(NEW_SINCE_SQL).pluck(),
    closedToday: database.prepare(CLOSED_SINCE_SQL).pluck(),
    openBySource: database.prepare(`SELECT source, count(*) AS open FROM issues WHERE state IN ${OPEN_STATES_SQL} GROUP BY source`),
    reportedBySource: database.prepare('SELECT source, count(*) AS reported FROM issues WHERE reported_at >= @since GROUP BY source'),
    topCategories: database.prepare(`SELECT c.code, c.name, p.name AS parentName, count(*) AS open
      FROM issues i JOIN issue_categories c ON c.id = i.category_id JOIN issue_categories p ON p.id = c.parent_id
      WHERE i.state IN ${OPEN_STATES_SQL} GROUP BY i.category_id ORDER BY open DESC, c.code LIMIT @limit`),
    latestEvents: database.prepare(LATEST_EVENTS_SQL),
  };

  return {
    /** Counts since `since` (today's China midnight) and of what is open now. */
    counts(since: number, sources: readonly IssueSource[], categoryLimit: number): ScreenCounts {
      const open = new Map((statements.openBySource.all() as Array<{ source: IssueSource; open: number }>).map((row) => [row.source, row.open]));
      const reported = new Map((statements.reportedBySource.all({ since }) as Array<{ source: IssueSource; reported: number }>).map((row) => [row.source, row.reported]));
      return {
        newToday: statements.newToday.get({ since }) as number,
        closedToday: statements.closedToday.get({ since }) as number,
        bySource: sources.map((source) => ({ source, open: open.get(source) ?? 0, reportedToday: reported.get(source) ?? 0 })),
        topCategories: statements.topCategories.all({ limit: categoryLimit }) as ScreenCounts['topCategories'],
      };
    },

    /** The newest events worth showing on the wall: reports, dispatches, closings, rework, voids. */
    latestEvents(limit: number): LatestEvent[] {
      return statements.latestEvents.all({ limit }) as LatestEvent[];
    },
  };
}

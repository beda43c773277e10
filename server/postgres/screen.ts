import type { IssueSource } from '../domain/issue-vocabulary.ts';
import type { LatestEvent, ScreenCounts, ScreenRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';
import { openStates } from './state-sql.ts';

/** The big screen's counts of today and of what is open, each from an index. */
export function createScreenRepository(sql: Queryable): ScreenRepository {
  return {
    async counts(since, sources, categoryLimit): Promise<ScreenCounts> {
      const [openBySource, reportedBySource, [today], topCategories] = await Promise.all([
        sql<{ source: IssueSource; open: number }[]>`SELECT source, count(*)::int AS open FROM issues WHERE state IN ${openStates(sql)} GROUP BY source`,
        sql<{ source: IssueSource; reported: number }[]>`SELECT source, count(*)::int AS reported FROM issues WHERE reported_at >= ${since} GROUP BY source`,
        sql<{ newToday: number; closedToday: number }[]>`SELECT (SELECT count(*) FROM issues WHERE reported_at >= ${since})::int AS "newToday",
          (SELECT count(*) FROM issues WHERE closed_at >= ${since})::int AS "closedToday"`,
        sql<ScreenCounts['topCategories']>`SELECT c.code, c.name, p.name AS "parentName", count(*)::int AS open
          FROM issues i JOIN issue_categories c ON c.id = i.category_id JOIN issue_categories p ON p.id = c.parent_id
          WHERE i.state IN ${openStates(sql)} GROUP BY i.category_id, c.code, c.name, p.name ORDER BY open DESC, c.code LIMIT ${categoryLimit}`,
      ]);
      const open = new Map(openBySource.map((row) => [row.source, row.open]));
      const reported = new Map(reportedBySource.map((row) => [row.source, row.reported]));
      return {
        newToday: today!.newToday,
        closedToday: today!.closedToday,
        bySource: sources.map((source) => ({ source, open: open.get(source) ?? 0, reportedToday: reported.get(source) ?? 0 })),
        topCategories: [...topCategories],
      };
    },

    async latestEvents(limit) {
      return [...await sql<LatestEvent[]>`SELECT e.id, e.occurred_at AS "occurredAt", e.action, e.actor, i.id AS "issueId", i.code AS "issueCode",
          c.name AS "categoryName", g.name AS "gridName",
          CASE WHEN e.action = 'pass_inspection' THEN (SELECT ip.photo_id FROM issue_photos ip WHERE ip.issue_id = e.issue_id AND ip.event_id = (SELECT max(latest.event_id) FROM issue_photos latest
          WHERE latest.issue_id = e.issue_id AND latest.stage = 'rectification' AND latest.event_id < e.id) ORDER BY ip.ordinal LIMIT 1) END AS "photoId"
        FROM issue_events e JOIN issues i ON i.id = e.issue_id JOIN issue_categories c ON c.id = i.category_id JOIN grids g ON g.id = i.grid_id
        WHERE e.action IN ('report', 'pass_inspection', 'dispatch', 'reassign', 'fail_inspection', 'void')
        ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit}`];
    },
  };
}

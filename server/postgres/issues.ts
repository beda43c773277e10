import type { IssueState } from '../domain/issue-vocabulary.ts';
import type { IssueDetail, IssueEvent } from '../schemas/contract.ts';
import { allocateIssuePositions, setIssuePosition } from '../schemas/issue-positions-format.ts';
import type { IssueFilters, IssueRepository, LiveEventRow } from '../store/repositories.ts';
import { toInstant } from '../store/instants.ts';
import { REFUSALS_SHOWN, reportedBySuffix, toSummary, type IssueRow } from '../store/issue-rows.ts';
import { photoColumns } from './photos.ts';
import { toIssuePhoto, type IssuePhotoRow } from '../store/photo-rows.ts';
import type { Queryable } from './connect.ts';
import { awaitingRectification } from './state-sql.ts';

type EventRow = Omit<IssueEvent, 'occurredAt'> & { occurredAt: number; issueId: number };

const toLiveEvent = ({ issueId, ...event }: EventRow): LiveEventRow => ({ ...event, occurredAt: toInstant(event.occurredAt), issueId });

/**
 * Up to this many matches a box's page is found through GiST; above it, by walking the newest
 * problems, which reads the table in order and, for the recent problems most lists ask for, stops
 * early, where GiST's matches are each a heap read in no order. At 1,000,000 problems a box of
 * 10,000 took 22 ms through GiST and 3 ms by the walk; open problems in a box of 2,700, 23 ms and
 * 0.5 ms. (SQLite's R*Tree answers from the index, and its threshold is higher.)
 */
const SPARSE_BOX_MATCHES = 2_000;

export function createIssueRepository(sql: Queryable): IssueRepository {
  const overdue = (now: number) => sql`(i.state IN ${awaitingRectification(sql)} AND i.deadline_at < ${now})`;
  const summarySelect = (now: number) => sql`SELECT i.id, i.code, i.category_id AS "categoryId", c.code AS "categoryCode", c.name AS "categoryName",
      p.name AS "parentName", i.source, i.description, i.address, i.longitude, i.latitude, g.code AS "gridCode", g.name AS "gridName",
      i.state, i.department_id AS "departmentId", d.name AS "departmentName", i.deadline_at AS "deadlineAt", coalesce(${overdue(now)}, false) AS overdue,
      i.extended, i.rework_count AS "reworkCount", i.recurrence_of AS "recurrenceOf", i.reported_at AS "reportedAt",
      i.assigned_at AS "assignedAt", i.accepted_at AS "acceptedAt", i.rectified_at AS "rectifiedAt", i.closed_at AS "closedAt",
      i.voided_at AS "voidedAt", i.version, i.updated_at AS "updatedAt",
      (SELECT ip.photo_id FROM issue_photos ip WHERE ip.issue_id = i.id AND ip.stage = 'report' ORDER BY ip.event_id, ip.ordinal LIMIT 1) AS "reportPhotoId",
      (SELECT ip.photo_id FROM issue_photos ip WHERE ip.issue_id = i.id AND ip.event_id = (SELECT max(latest.event_id) FROM issue_photos latest WHERE latest.issue_id = i.id AND latest.stage = 'rectification') ORDER BY ip.ordinal LIMIT 1) AS "rectificationPhotoId"
    FROM issues i
    JOIN issue_categories c ON c.id = i.category_id
    JOIN issue_categories p ON p.id = c.parent_id
    JOIN grids g ON g.id = i.grid_id
    LEFT JOIN departments d ON d.id = i.department_id`;
  const liveEventSelect = sql`SELECT id, issue_id AS "issueId", occurred_at AS "occurredAt", actor, action, from_state AS "fromState",
    to_state AS "toState", changes, note FROM issue_events`;

  /** The filters as one condition; a box on the coordinates, which a covering index counts from the index alone. */
  function where(filters: IssueFilters, now: number) {
    const terms = [];
    if (filters.gridId !== undefined) terms.push(sql`i.grid_id = ${filters.gridId}`);
    if (filters.gridIds) terms.push(sql`i.grid_id IN ${sql(filters.gridIds.length > 0 ? filters.gridIds : [0])}`);
    if (filters.states) terms.push(sql`i.state IN ${sql(filters.states)}`);
    if (filters.categoryIds) terms.push(sql`i.category_id IN ${sql(filters.categoryIds)}`);
    if (filters.sources) terms.push(sql`i.source IN ${sql(filters.sources)}`);
    if (filters.departmentId !== undefined) terms.push(sql`i.department_id = ${filters.departmentId}`);
    if (filters.overdue !== undefined) terms.push(filters.overdue ? overdue(now) : sql`NOT coalesce(${overdue(now)}, false)`);
    if (filters.deadline) terms.push(sql`i.deadline_at >= ${filters.deadline.from} AND i.deadline_at < ${filters.deadline.before}`);
    if (filters.window?.from !== undefined) terms.push(sql`i.reported_at >= ${filters.window.from}`);
    if (filters.window?.to !== undefined) terms.push(sql`i.reported_at < ${filters.window.to}`);
    if (filters.reportedBy !== undefined) {
      const suffix = reportedBySuffix(filters.reportedBy);
      terms.push(sql`EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'report' AND right(e.actor, ${suffix.length}) = ${suffix})`);
    }
    if (filters.bbox) {
      const { minLongitude, minLatitude, maxLongitude, maxLatitude } = filters.bbox;
      terms.push(sql`i.longitude BETWEEN ${minLongitude} AND ${maxLongitude} AND i.latitude BETWEEN ${minLatitude} AND ${maxLatitude}`);
    }
    return terms.reduce((condition, term) => sql`${condition} AND ${term}`, sql`true`);
  }

  const summary = async (id: number, now: number) => {
    const [row] = await sql<IssueRow[]>`${summarySelect(now)} WHERE i.id = ${id}`;
    return row && toSummary(row);
  };

  return {
    async mostReportedCategories(since, limit) {
      const rows = await sql<{ code: string }[]>`SELECT c.code FROM issues i JOIN issue_categories c ON c.id = i.category_id
        WHERE i.reported_at >= ${since} GROUP BY c.code ORDER BY count(*) DESC, c.code LIMIT ${limit}`;
      return rows.map((row) => row.code);
    },

    async count(filters, now) {
      const [{ total }] = await sql<[{ total: number }]>`SELECT count(*)::int AS total FROM issues i WHERE ${where(filters, now)}`;
      return total;
    },

    async list(filters, page, now, total) {
      const condition = where(filters, now);
      // A box with few problems in it finds them through the GiST index and sorts them; any other
      // is paged by walking the newest problems. The planner cannot tell which.
      const box = filters.bbox && total <= SPARSE_BOX_MATCHES
        ? sql`AND i.position && ST_MakeEnvelope(${filters.bbox.minLongitude}, ${filters.bbox.minLatitude}, ${filters.bbox.maxLongitude}, ${filters.bbox.maxLatitude}, 4326)`
        : sql``;
      const rows = await sql<IssueRow[]>`WITH page AS (SELECT i.id FROM issues i WHERE ${condition} ${box}
          ${page.before === undefined ? sql`` : sql`AND i.id < ${page.before}`} ORDER BY i.id DESC LIMIT ${page.limit + 1})
        ${summarySelect(now)} WHERE i.id IN (SELECT id FROM page) ORDER BY i.id DESC`;
      const hasMore = rows.length > page.limit;
      const items = rows.slice(0, page.limit).map(toSummary);
      return { items, nextCursor: hasMore ? String(items.at(-1)!.id) : null, total };
    },

    async positions(filters, now) {
      // The count comes with the rows, from the same statement, so that the body it sizes holds exactly them.
      const rows = sql`SELECT count(*) OVER ()::int, i.id, i.longitude, i.latitude, i.state, coalesce(${overdue(now)}, false)
        FROM issues i WHERE ${where(filters, now)} ORDER BY i.id`.values().cursor(10_000) as AsyncIterable<Array<[number, number, number, number, IssueState, boolean]>>;
      let encoded = allocateIssuePositions(0);
      let index = 0;
      for await (const batch of rows) {
        if (index === 0) encoded = allocateIssuePositions(batch[0]![0]);
        for (const [, id, longitude, latitude, state, isOverdue] of batch) {
          setIssuePosition(encoded.columns, index, { id, longitude, latitude, state, overdue: isOverdue });
          index += 1;
        }
      }
      return { body: encoded.body, count: index };
    },

    async get(id, now): Promise<IssueDetail | undefined> {
      // All four at once, on as many connections: a problem's page is one round trip, not two.
      const [found, events, refusals, [{ refusalCount }], photos] = await Promise.all([
        summary(id, now),
        sql<EventRow[]>`${liveEventSelect} WHERE issue_id = ${id} ORDER BY occurred_at, id`,
        sql<Array<IssueDetail['refusals'][number] & { attemptedAt: number }>>`WITH attempts AS (
            SELECT id, attempted_at AS "attemptedAt", actor, action, version, reason, NULL::int AS "bulkSize" FROM issue_refusals WHERE issue_id = ${id}
            UNION ALL
            SELECT b.id, b.attempted_at, b.actor, b.action, (b.items->${String(id)}->>'version')::int, b.items->${String(id)}->>'reason', b.bulk_size
              FROM bulk_refusal_issues l JOIN bulk_refusals b ON b.id = l.refusal_id WHERE l.issue_id = ${id})
          SELECT * FROM (SELECT * FROM attempts ORDER BY "attemptedAt" DESC, id DESC LIMIT ${REFUSALS_SHOWN}) latest ORDER BY "attemptedAt", id`,
        sql<[{ refusalCount: number }]>`SELECT ((SELECT count(*) FROM issue_refusals WHERE issue_id = ${id})
          + (SELECT count(*) FROM bulk_refusal_issues WHERE issue_id = ${id}))::int AS "refusalCount"`,
        sql<IssuePhotoRow[]>`SELECT ${photoColumns(sql)}, ip.event_id::int AS "eventId", ip.stage, ip.flags
          FROM issue_photos ip JOIN photos p ON p.id = ip.photo_id WHERE ip.issue_id = ${id} ORDER BY ip.event_id, ip.ordinal`,
      ]);
      if (!found) return undefined;
      return {
        ...found,
        events: events.map(({ issueId: _issueId, ...event }) => ({ ...event, occurredAt: toInstant(event.occurredAt) })),
        refusals: refusals.map((refusal) => ({ ...refusal, attemptedAt: toInstant(refusal.attemptedAt) })),
        refusalCount,
        photos: photos.map((photo) => toIssuePhoto(photo, found)),
      };
    },

    summary,

    async eventsAfter(afterId, limit) {
      return (await sql<EventRow[]>`${liveEventSelect} WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`).map(toLiveEvent);
    },

    async issuesOfEvents(eventIds) {
      const rows = await sql<{ issueId: number }[]>`SELECT DISTINCT issue_id AS "issueId" FROM issue_events WHERE id = ANY(${eventIds as number[]}::bigint[]) ORDER BY issue_id`;
      return rows.map((row) => row.issueId);
    },

    async event(id) {
      const [row] = await sql<EventRow[]>`${liveEventSelect} WHERE id = ${id}`;
      return row && toLiveEvent(row);
    },
  };
}

import type { Database } from 'better-sqlite3';
import type { BoundingBox } from '../domain/bounding-box.ts';
import type { IssueState } from '../domain/issue-vocabulary.ts';
import type { IssueDetail, IssueEvent, IssueList, IssueSummary } from '../schemas/contract.ts';
import type { IssueFilters, IssuePage, IssueRepository, LiveEventRow } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';
import { AWAITING_RECTIFICATION_SQL } from '../store/issue-state-sql.ts';
import { toInstant } from '../store/instants.ts';
import { DENSE_BOX_MATCHES, REFUSALS_SHOWN, reportedBySuffix, toSummary, type IssueRow } from '../store/issue-rows.ts';
import { statementCache } from './statement-cache.ts';
import { PHOTO_COLUMNS } from './photos.ts';
import { toIssuePhoto, type IssuePhotoRow } from '../store/photo-rows.ts';
import { allocateIssuePositions, setIssuePosition } from '../schemas/issue-positions-format.ts';

interface EventRow {
  id: number;
  occurredAt: number;
  actor: string;
  action: IssueEvent['action'];
  fromState: IssueState | null;
  toState: IssueState;
  changes: string;
  note: string | null;
}

const OVERDUE_SQL = `(i.state IN ${AWAITING_RECTIFICATION_SQL} AND i.deadline_at < @now)`;

/** The first photo of the report and of the latest rectification: what a list or a feed shows of the evidence. */
const PHOTO_IDS_SQL = `(SELECT ip.photo_id FROM issue_photos ip WHERE ip.issue_id = i.id AND ip.stage = 'report' ORDER BY ip.event_id, ip.ordinal LIMIT 1) AS reportPhotoId,
    (SELECT ip.photo_id FROM issue_photos ip WHERE ip.issue_id = i.id AND ip.event_id = (SELECT max(latest.event_id) FROM issue_photos latest WHERE latest.issue_id = i.id AND latest.stage = 'rectification') ORDER BY ip.ordinal LIMIT 1) AS rectificationPhotoId`;

const SUMMARY_SELECT = `SELECT i.id, i.code, i.category_id AS categoryId, c.code AS categoryCode, c.name AS categoryName,
    p.name AS parentName, i.source, i.description, i.address, i.longitude, i.latitude, g.code AS gridCode, g.name AS gridName,
    i.state, i.department_id AS departmentId, d.name AS departmentName, i.deadline_at AS deadlineAt, ${OVERDUE_SQL} AS overdue,
    i.extended, i.rework_count AS reworkCount, i.recurrence_of AS recurrenceOf, i.reported_at AS reportedAt,
    i.assigned_at AS assignedAt, i.accepted_at AS acceptedAt, i.rectified_at AS rectifiedAt, i.closed_at AS closedAt,
    i.voided_at AS voidedAt, i.version, i.updated_at AS updatedAt, ${PHOTO_IDS_SQL}
  FROM issues i
  JOIN issue_categories c ON c.id = i.category_id
  JOIN issue_categories p ON p.id = c.parent_id
  JOIN grids g ON g.id = i.grid_id
  LEFT JOIN departments d ON d.id = i.department_id`;

const BOX_COLUMNS_SQL = 'i.longitude BETWEEN @minLongitude AND @maxLongitude AND i.latitude BETWEEN @minLatitude AND @maxLatitude';
const BOX_POSITIONS_SQL = `min_longitude_e7 >= @minLongitudeE7 AND max_longitude_e7 <= @maxLongitudeE7
  AND min_latitude_e7 >= @minLatitudeE7 AND max_latitude_e7 <= @maxLatitudeE7`;

/** The box in the R*Tree's units; the epsilon keeps a bound that is exactly on 7 decimals inclusive. */
function boxPositionParameters(box: BoundingBox) {
  return {
    minLongitudeE7: Math.ceil(box.minLongitude * 1e7 - 1e-6),
    maxLongitudeE7: Math.floor(box.maxLongitude * 1e7 + 1e-6),
    minLatitudeE7: Math.ceil(box.minLatitude * 1e7 - 1e-6),
    maxLatitudeE7: Math.floor(box.maxLatitude * 1e7 + 1e-6),
  };
}


/** WHERE terms and their named parameters for a set of filters; a box is tested on the row's columns. */
function filterClause(filters: IssueFilters, now: number): { where: string; parameters: Record<string, unknown> } {
  const terms: string[] = [];
  const parameters: Record<string, unknown> = { now };
  const list = (name: string, column: string, values: readonly (string | number)[]) => {
    const names = values.map((value, index) => {
      parameters[`${name}${index}`] = value;
      return `@${name}${index}`;
    });
    terms.push(`${column} IN (${names.join(', ')})`);
  };
  if (filters.gridId !== undefined) {
    terms.push('i.grid_id = @gridId');
    parameters.gridId = filters.gridId;
  }
  if (filters.gridIds) list('grid', 'i.grid_id', filters.gridIds.length > 0 ? filters.gridIds : [0]);
  if (filters.states) list('state', 'i.state', filters.states);
  if (filters.categoryIds) list('category', 'i.category_id', filters.categoryIds);
  if (filters.sources) list('source', 'i.source', filters.sources);
  if (filters.departmentId !== undefined) {
    terms.push('i.department_id = @departmentId');
    parameters.departmentId = filters.departmentId;
  }
  if (filters.overdue !== undefined) terms.push(filters.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
  if (filters.deadline) {
    terms.push('i.deadline_at >= @deadlineFrom AND i.deadline_at < @deadlineBefore');
    parameters.deadlineFrom = filters.deadline.from;
    parameters.deadlineBefore = filters.deadline.before;
  }
  if (filters.window?.from !== undefined) {
    terms.push('i.reported_at >= @from');
    parameters.from = filters.window.from;
  }
  if (filters.window?.to !== undefined) {
    terms.push('i.reported_at < @to');
    parameters.to = filters.window.to;
  }
  if (filters.reportedBy !== undefined) {
    terms.push(`EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'report' AND substr(e.actor, -length(@reportedBy)) = @reportedBy)`);
    parameters.reportedBy = reportedBySuffix(filters.reportedBy);
  }
  if (filters.bbox) {
    terms.push(BOX_COLUMNS_SQL);
    Object.assign(parameters, filters.bbox);
  }
  return { where: terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '', parameters };
}

function isBoxOnly(filters: IssueFilters): filters is IssueFilters & { bbox: BoundingBox } {
  return filters.bbox !== undefined && Object.entries(filters).every(([name, value]) => name === 'bbox' || value === undefined);
}

/** A department's problems and nothing else: a department account's own list. */
function isDepartmentOnly(filters: IssueFilters): boolean {
  return filters.departmentId !== undefined && Object.entries(filters).every(([name, value]) => name === 'departmentId' || value === undefined);
}

/**
 * The count query for a filtered list. A box alone is counted in the R*Tree; a box with other
 * filters lets their indexes lead and tests the box on each row, because the R*Tree cannot
 * tell the planner how selective it is.
 */
export function buildIssueCountQuery(filters: IssueFilters, now: number) {
  if (isBoxOnly(filters)) {
    return { sql: `SELECT count(*) FROM issue_positions WHERE ${BOX_POSITIONS_SQL}`, parameters: boxPositionParameters(filters.bbox) };
  }
  const { where, parameters } = filterClause(filters, now);
  return { sql: `SELECT count(*) FROM issues i ${where}`, parameters };
}

/** The page query, given how many issues match (exported so tests can check its plans). */
export function buildIssuePageQuery(filters: IssueFilters, page: IssuePage, now: number, matches: number) {
  const { where, parameters } = filterClause(filters, now);
  const pageParameters = { ...parameters, before: page.before, limit: page.limit + 1 };
  const before = page.before === undefined ? '' : 'AND issue_id < @before';
  // The page's ids are found first, from indexes where they cover the filters, so the joins run
  // for one page rather than for every match before sorting.
  const idsWhere = page.before === undefined ? where : `${where ? `${where} AND` : 'WHERE'} i.id < @before`;
  let pageIds = `SELECT i.id FROM issues i ${idsWhere} ORDER BY i.id DESC LIMIT @limit`;
  if (isBoxOnly(filters)) {
    // We know how dense the box is and the planner does not: it would read every match from an
    // index and sort them, where walking the newest rows finds a page of a dense box sooner.
    pageIds = matches <= DENSE_BOX_MATCHES
      ? `SELECT issue_id AS id FROM issue_positions WHERE ${BOX_POSITIONS_SQL} ${before} ORDER BY issue_id DESC LIMIT @limit`
      : `SELECT i.id FROM issues i NOT INDEXED ${idsWhere} ORDER BY i.id DESC LIMIT @limit`;
  } else if (isDepartmentOnly(filters) && matches > DENSE_BOX_MATCHES) {
    // The same for a department holding many problems (a quarter of them, for the busiest): its
    // index would hand over every one to be sorted; the newest rows hold a page of them at once.
    pageIds = `SELECT i.id FROM issues i NOT INDEXED ${idsWhere} ORDER BY i.id DESC LIMIT @limit`;
  }
  return {
    sql: `WITH page AS (${pageIds}) ${SUMMARY_SELECT} WHERE i.id IN (SELECT id FROM page) ORDER BY i.id DESC`,
    parameters: filters.bbox ? { ...pageParameters, ...boxPositionParameters(filters.bbox) } : pageParameters,
  };
}

export const ISSUE_EVENTS_SQL = `SELECT id, occurred_at AS occurredAt, actor, action, from_state AS fromState,
    to_state AS toState, changes, note
  FROM issue_events WHERE issue_id = @id ORDER BY occurred_at, id`;

/** A problem's refused attempts: its own, and its items of refused bulk actions. */
const REFUSALS_OF_ISSUE_SQL = `SELECT id, attempted_at AS attemptedAt, actor, action, version, reason, NULL AS bulkSize
    FROM issue_refusals WHERE issue_id = @id
  UNION ALL
  SELECT b.id, b.attempted_at, b.actor, b.action, json_extract(b.items, printf('$."%d".version', @id)),
      json_extract(b.items, printf('$."%d".reason', @id)), b.bulk_size
    FROM bulk_refusal_issues l JOIN bulk_refusals b ON b.id = l.refusal_id WHERE l.issue_id = @id`;

const LIVE_EVENT_SELECT = `SELECT id, issue_id AS issueId, occurred_at AS occurredAt, actor, action, from_state AS fromState,
    to_state AS toState, changes, note FROM issue_events`;

const toEvent = (event: EventRow): IssueEvent => ({
  ...event,
  occurredAt: toInstant(event.occurredAt),
  changes: JSON.parse(event.changes) as Record<string, unknown[]>,
});

export function createIssueRepository(database: Database): Synchronous<IssueRepository> {
  // Filter combinations yield a small set of distinct SQL texts; prepare each once.
  const prepare = statementCache(database);
  const statements = {
    byId: database.prepare(`${SUMMARY_SELECT} WHERE i.id = @id`),
    events: database.prepare(ISSUE_EVENTS_SQL),
    refusals: database.prepare(`WITH attempts AS (${REFUSALS_OF_ISSUE_SQL})
      SELECT * FROM (SELECT * FROM attempts ORDER BY attemptedAt DESC, id DESC LIMIT @limit) ORDER BY attemptedAt, id`),
    photos: database.prepare(`SELECT ${PHOTO_COLUMNS}, ip.event_id AS eventId, ip.stage, ip.flags
      FROM issue_photos ip JOIN photos p ON p.id = ip.photo_id WHERE ip.issue_id = @id ORDER BY ip.event_id, ip.ordinal`),
    refusalCount: database.prepare(`SELECT (SELECT count(*) FROM issue_refusals WHERE issue_id = @id)
      + (SELECT count(*) FROM bulk_refusal_issues WHERE issue_id = @id)`).pluck(),
    eventsAfter: database.prepare(`${LIVE_EVENT_SELECT} WHERE id > @afterId ORDER BY id LIMIT @limit`),
    eventById: database.prepare(`${LIVE_EVENT_SELECT} WHERE id = @id`),
    mostReportedCategories: database.prepare(`SELECT c.code FROM issues i JOIN issue_categories c ON c.id = i.category_id
      WHERE i.reported_at >= @since GROUP BY c.code ORDER BY count(*) DESC, c.code LIMIT @limit`).pluck(),
    issuesOfEvents: database.prepare(`SELECT DISTINCT issue_id FROM issue_events WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY issue_id`).pluck(),
  };

  return {
    mostReportedCategories(since: number, limit: number): string[] {
      return statements.mostReportedCategories.all({ since, limit }) as string[];
    },

    count(filters: IssueFilters, now: number): number {
      const count = buildIssueCountQuery(filters, now);
      return prepare(count.sql).pluck().get(count.parameters) as number;
    },

    /** One page, newest first. */
    list(filters: IssueFilters, page: IssuePage, now: number, total: number): IssueList {
      const pageQuery = buildIssuePageQuery(filters, page, now, total);
      const rows = prepare(pageQuery.sql).all(pageQuery.parameters) as IssueRow[];
      const hasMore = rows.length > page.limit;
      const items = rows.slice(0, page.limit).map(toSummary);
      return { items, nextCursor: hasMore ? String(items.at(-1)!.id) : null, total };
    },

    /**
     * Every matching problem's position, state and overdue flag, encoded for the map. Rows go
     * straight into the typed columns: a million row objects took seconds.
     */
    positions(filters: IssueFilters, now: number): { body: Buffer; count: number } {
      const { where, parameters } = filterClause(filters, now);
      const count = prepare(`SELECT count(*) FROM issues i ${where}`).pluck().get(parameters) as number;
      const { body, columns } = allocateIssuePositions(count);
      const rows = prepare(`SELECT i.id, i.longitude, i.latitude, i.state, ${OVERDUE_SQL} FROM issues i ${where} ORDER BY i.id`)
        .raw().iterate(parameters) as IterableIterator<[number, number, number, IssueState, number]>;
      let index = 0;
      for (const [id, longitude, latitude, state, overdue] of rows) {
        setIssuePosition(columns, index, { id, longitude, latitude, state, overdue: overdue === 1 });
        index += 1;
      }
      return { body, count };
    },

    get(id: number, now: number): IssueDetail | undefined {
      const row = statements.byId.get({ id, now }) as IssueRow | undefined;
      if (!row) return undefined;
      const events = (statements.events.all({ id }) as EventRow[]).map(toEvent);
      const refusals = (statements.refusals.all({ id, limit: REFUSALS_SHOWN }) as Array<IssueDetail['refusals'][number] & { attemptedAt: number }>)
        .map((refusal) => ({ ...refusal, attemptedAt: toInstant(refusal.attemptedAt) }));
      const photos = (statements.photos.all({ id }) as IssuePhotoRow[]).map((photo) => toIssuePhoto(photo, row));
      return { ...toSummary(row), events, refusals, refusalCount: statements.refusalCount.get({ id }) as number, photos };
    },

    summary(id: number, now: number): IssueSummary | undefined {
      const row = statements.byId.get({ id, now }) as IssueRow | undefined;
      return row && toSummary(row);
    },

    /** Events in the order they were recorded, after a given event id (the live feed's resume). */
    eventsAfter(afterId: number, limit: number): LiveEventRow[] {
      return (statements.eventsAfter.all({ afterId, limit }) as Array<EventRow & { issueId: number }>).map((event) => ({ ...toEvent(event), issueId: event.issueId }));
    },

    /** The problems some events changed, in one read however many the events. */
    issuesOfEvents(eventIds: readonly number[]): number[] {
      return statements.issuesOfEvents.all({ ids: JSON.stringify(eventIds) }) as number[];
    },

    event(id: number): LiveEventRow | undefined {
      const event = statements.eventById.get({ id }) as (EventRow & { issueId: number }) | undefined;
      return event && { ...toEvent(event), issueId: event.issueId };
    },

  };
}

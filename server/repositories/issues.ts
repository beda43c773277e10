import type { Database, Statement } from 'better-sqlite3';
import type { BoundingBox } from '../domain/bounding-box.ts';
import type { IssueSource, IssueState } from '../domain/issue-vocabulary.ts';
import type { TimeWindow } from '../domain/time-window.ts';
import type { IssueDetail, IssueEvent, IssueList, IssueSummary } from '../schemas/issues.ts';
import { AWAITING_RECTIFICATION_SQL } from './issue-state-sql.ts';
import { toInstant, toNullableInstant } from './instants.ts';

/** Filters already resolved to row ids and instants by the caller. */
export interface IssueFilters {
  gridId?: number;
  states?: IssueState[];
  categoryIds?: number[];
  sources?: IssueSource[];
  departmentId?: number;
  overdue?: boolean;
  window?: TimeWindow;
  bbox?: BoundingBox;
}

interface IssueRow {
  id: number;
  code: string;
  categoryId: number;
  categoryCode: string;
  categoryName: string;
  parentName: string;
  source: IssueSource;
  description: string;
  address: string;
  longitude: number;
  latitude: number;
  gridCode: string;
  gridName: string;
  state: IssueState;
  departmentId: number | null;
  departmentName: string | null;
  deadlineAt: number | null;
  overdue: number;
  extended: number;
  reworkCount: number;
  recurrenceOf: number | null;
  reportedAt: number;
  assignedAt: number | null;
  acceptedAt: number | null;
  rectifiedAt: number | null;
  closedAt: number | null;
  voidedAt: number | null;
  version: number;
  updatedAt: number;
}

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

const SUMMARY_SELECT = `SELECT i.id, i.code, i.category_id AS categoryId, c.code AS categoryCode, c.name AS categoryName,
    p.name AS parentName, i.source, i.description, i.address, i.longitude, i.latitude, g.code AS gridCode, g.name AS gridName,
    i.state, i.department_id AS departmentId, d.name AS departmentName, i.deadline_at AS deadlineAt, ${OVERDUE_SQL} AS overdue,
    i.extended, i.rework_count AS reworkCount, i.recurrence_of AS recurrenceOf, i.reported_at AS reportedAt,
    i.assigned_at AS assignedAt, i.accepted_at AS acceptedAt, i.rectified_at AS rectifiedAt, i.closed_at AS closedAt,
    i.voided_at AS voidedAt, i.version, i.updated_at AS updatedAt
  FROM issues i
  JOIN issue_categories c ON c.id = i.category_id
  JOIN issue_categories p ON p.id = c.parent_id
  JOIN grids g ON g.id = i.grid_id
  LEFT JOIN departments d ON d.id = i.department_id`;

function toSummary(row: IssueRow): IssueSummary {
  return {
    id: row.id,
    code: row.code,
    category: { id: row.categoryId, code: row.categoryCode, name: row.categoryName, parentName: row.parentName },
    source: row.source,
    description: row.description,
    address: row.address,
    longitude: row.longitude,
    latitude: row.latitude,
    grid: { code: row.gridCode, name: row.gridName },
    state: row.state,
    department: row.departmentId === null ? null : { id: row.departmentId, name: row.departmentName! },
    deadlineAt: toNullableInstant(row.deadlineAt),
    overdue: row.overdue === 1,
    extended: row.extended === 1,
    reworkCount: row.reworkCount,
    recurrenceOf: row.recurrenceOf,
    reportedAt: toInstant(row.reportedAt),
    assignedAt: toNullableInstant(row.assignedAt),
    acceptedAt: toNullableInstant(row.acceptedAt),
    rectifiedAt: toNullableInstant(row.rectifiedAt),
    closedAt: toNullableInstant(row.closedAt),
    voidedAt: toNullableInstant(row.voidedAt),
    version: row.version,
    updatedAt: toInstant(row.updatedAt),
  };
}

/** WHERE terms and their named parameters for a set of filters. */
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
  if (filters.states) list('state', 'i.state', filters.states);
  if (filters.categoryIds) list('category', 'i.category_id', filters.categoryIds);
  if (filters.sources) list('source', 'i.source', filters.sources);
  if (filters.departmentId !== undefined) {
    terms.push('i.department_id = @departmentId');
    parameters.departmentId = filters.departmentId;
  }
  if (filters.overdue !== undefined) terms.push(filters.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
  if (filters.window?.from !== undefined) {
    terms.push('i.reported_at >= @from');
    parameters.from = filters.window.from;
  }
  if (filters.window?.to !== undefined) {
    terms.push('i.reported_at < @to');
    parameters.to = filters.window.to;
  }
  if (filters.bbox) {
    terms.push('i.longitude BETWEEN @minLongitude AND @maxLongitude AND i.latitude BETWEEN @minLatitude AND @maxLatitude');
    Object.assign(parameters, filters.bbox);
  }
  return { where: terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '', parameters };
}

export interface IssuePage {
  limit: number;
  /** The id the previous page ended at. */
  before?: number;
}

/** The page query and the count query for a filtered list (exported so tests can check their plans). */
export function buildIssueListQuery(filters: IssueFilters, page: IssuePage, now: number) {
  const { where, parameters } = filterClause(filters, now);
  const pageWhere = page.before === undefined ? where : `${where ? `${where} AND` : 'WHERE'} i.id < @before`;
  return {
    pageSql: `${SUMMARY_SELECT} ${pageWhere} ORDER BY i.id DESC LIMIT @limit`,
    pageParameters: { ...parameters, before: page.before, limit: page.limit + 1 },
    countSql: `SELECT count(*) FROM issues i ${where}`,
    countParameters: parameters,
  };
}

export const ISSUE_EVENTS_SQL = `SELECT id, occurred_at AS occurredAt, actor, action, from_state AS fromState,
    to_state AS toState, changes, note
  FROM issue_events WHERE issue_id = @id ORDER BY occurred_at, id`;

export type IssueRepository = ReturnType<typeof createIssueRepository>;

export function createIssueRepository(database: Database) {
  // Filter combinations yield a small set of distinct SQL texts; prepare each once.
  const prepared = new Map<string, Statement>();
  const prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
  const statements = {
    byId: database.prepare(`${SUMMARY_SELECT} WHERE i.id = @id`),
    events: database.prepare(ISSUE_EVENTS_SQL),
  };

  return {
    /** One page, newest first. */
    list(filters: IssueFilters, page: IssuePage, now: number): IssueList {
      const query = buildIssueListQuery(filters, page, now);
      const rows = prepare(query.pageSql).all(query.pageParameters) as IssueRow[];
      const hasMore = rows.length > page.limit;
      const items = rows.slice(0, page.limit).map(toSummary);
      const total = prepare(query.countSql).pluck().get(query.countParameters) as number;
      return { items, nextCursor: hasMore ? String(items.at(-1)!.id) : null, total };
    },

    get(id: number, now: number): IssueDetail | undefined {
      const row = statements.byId.get({ id, now }) as IssueRow | undefined;
      if (!row) return undefined;
      const events = (statements.events.all({ id }) as EventRow[]).map((event) => ({
        ...event,
        occurredAt: toInstant(event.occurredAt),
        changes: JSON.parse(event.changes) as Record<string, unknown[]>,
      }));
      return { ...toSummary(row), events };
    },
  };
}

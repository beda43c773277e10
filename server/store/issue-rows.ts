import type { IssueSource, IssueState } from '../domain/issue-vocabulary.ts';
import type { IssueSummary } from '../schemas/contract.ts';
import { toInstant, toNullableInstant } from './instants.ts';

/** A problem's row as both databases' repositories read it, and the summary the API gives of it. */

export interface IssueRow {
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
  /** 1 or 0 from SQLite, a boolean from PostgreSQL. */
  overdue: number | boolean;
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
  reportPhotoId: number | null;
  rectificationPhotoId: number | null;
}

export function toSummary(row: IssueRow): IssueSummary {
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
    overdue: Boolean(row.overdue),
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
    reportPhotoId: row.reportPhotoId === null ? null : Number(row.reportPhotoId),
    rectificationPhotoId: row.rectificationPhotoId === null ? null : Number(row.rectificationPhotoId),
  };
}

/**
 * Above this many matches a box-only page is found by walking the newest issues and testing
 * their columns (at most limit × issues ÷ matches rows); below it, by sorting the matches the
 * spatial index finds (SQLite's R*Tree, PostgreSQL's GiST). Either way the work stays bounded whether the box is a whole district or one street.
 */
export const DENSE_BOX_MATCHES = 20_000;

/** How many refused attempts a problem's detail lists (the latest); the count says how many there are. */
export const REFUSALS_SHOWN = 20;

/**
 * The end of the history's actor name that marks an account's own steps: the history keeps
 * "display name（username）", and a display name may change, a username never.
 */
export const reportedBySuffix = (username: string) => `（${username}）`;

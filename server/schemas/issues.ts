import { Type } from 'typebox';
import { ISSUE_ACTIONS, ISSUE_SOURCES, ISSUE_STATES } from '../domain/issue-vocabulary.ts';
import { DUE_FILTERS } from '../domain/deadline-filter.ts';
import { DateOrInstant, Instant, NullableInstant, Reference, literals } from './common.ts';
import { IssuePhoto } from './photos.ts';


export const IssueState = literals(ISSUE_STATES);
export const IssueSource = literals(ISSUE_SOURCES);
export const IssueAction = literals(ISSUE_ACTIONS);

export const IssueSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  category: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), parentName: Type.String() }),
  source: IssueSource,
  description: Type.String(),
  address: Type.String(),
  longitude: Type.Number(),
  latitude: Type.Number(),
  grid: Type.Object({ code: Type.String(), name: Type.String() }),
  state: IssueState,
  department: Type.Union([Reference, Type.Null()]),
  deadlineAt: NullableInstant,
  overdue: Type.Boolean({ description: 'assigned or in progress and past its deadline now' }),
  extended: Type.Boolean({ description: '缓办: an approved extension' }),
  reworkCount: Type.Integer(),
  recurrenceOf: Type.Union([Type.Integer(), Type.Null()]),
  reportedAt: Instant,
  assignedAt: NullableInstant,
  acceptedAt: NullableInstant,
  rectifiedAt: NullableInstant,
  closedAt: NullableInstant,
  voidedAt: NullableInstant,
  version: Type.Integer(),
  updatedAt: Instant,
  reportPhotoId: Type.Union([Type.Integer(), Type.Null()], { description: 'the report\'s first photo, for a thumbnail' }),
  rectificationPhotoId: Type.Union([Type.Integer(), Type.Null()], { description: 'the latest rectification\'s first photo (整改后)' }),
});

export const IssueEvent = Type.Object({
  id: Type.Integer(),
  occurredAt: Instant,
  actor: Type.String(),
  action: IssueAction,
  fromState: Type.Union([IssueState, Type.Null()]),
  toState: IssueState,
  changes: Type.Record(Type.String(), Type.Array(Type.Unknown())),
  note: Type.Union([Type.String(), Type.Null()]),
});

export const IssueRefusal = Type.Object({
  id: Type.Integer(),
  attemptedAt: Instant,
  actor: Type.String(),
  action: Type.String(),
  version: Type.Integer({ description: 'the version the attempt was made on' }),
  reason: Type.String(),
  bulkSize: Type.Union([Type.Integer(), Type.Null()], { description: 'for an attempt within a bulk action, how many problems the bulk held; null for an action on this problem alone' }),
}, { description: 'an attempt that was refused (a stale version or an action the state does not allow), kept for the record' });

export const IssueDetail = Type.Object({
  ...IssueSummary.properties,
  events: Type.Array(IssueEvent),
  refusals: Type.Array(IssueRefusal, { description: 'the latest refused attempts, oldest first (at most 20)' }),
  refusalCount: Type.Integer({ description: 'refused attempts in all' }),
  photos: Type.Array(IssuePhoto, { description: 'in the order of its history: report, rectifications, re-inspections' }),
});

export const IssueListQuery = Type.Object({
  grid: Type.Optional(Type.String({ maxLength: 20, description: 'grid code, e.g. B07' })),
  state: Type.Optional(Type.String({ maxLength: 200, description: 'one state or several, comma-separated' })),
  category: Type.Optional(Type.String({ maxLength: 2000, description: 'category code (a main category includes its subcategories); comma-separated' })),
  source: Type.Optional(Type.String({ maxLength: 300, description: 'one source or several, comma-separated' })),
  department: Type.Optional(Type.Integer({ minimum: 1, description: 'department id' })),
  overdue: Type.Optional(Type.Boolean({ description: 'true: only overdue; false: only not overdue' })),
  due: Type.Optional(Type.Enum(DUE_FILTERS, { description: 'deadline not yet passed and falling by the end of today (China time), or within the next 24 or 72 hours, on the server\'s clock' })),
  from: Type.Optional(DateOrInstant),
  to: Type.Optional(DateOrInstant),
  bbox: Type.Optional(Type.String({ maxLength: 100, description: 'minLongitude,minLatitude,maxLongitude,maxLatitude' })),
  reportedBy: Type.Optional(Type.Literal('me', { description: 'only the problems the signed-in account reported' })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 20, description: 'nextCursor from the previous page' })),
});

/** The list's filters without paging: positions come all at once. */
export const IssuePositionsQuery = Type.Omit(IssueListQuery, ['limit', 'cursor']);

export const IssueList = Type.Object({
  items: Type.Array(IssueSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ description: 'issues matching the filters, over all pages' }),
});

/** How many problems a phone's list of work holds: a department's open problems run to a few hundred. */
export const OWN_WORK_LIMIT = 1000;

export const OwnWork = Type.Object({
  rectification: Type.Union([IssueList, Type.Null()], { description: `the account's department's problems assigned or in progress (at most ${OWN_WORK_LIMIT}, newest first); null when the account rectifies nothing` }),
  reinspection: Type.Union([IssueList, Type.Null()], { description: `rectified problems awaiting re-inspection that the account sees (at most ${OWN_WORK_LIMIT}); null when it re-inspects nothing` }),
});

export const IssueIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

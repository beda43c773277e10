import { Type } from 'typebox';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../domain/issue-workflow.ts';
import { IssueSource, IssueState, IssueSummary } from './issues.ts';
import { literals, RefusalFields } from './common.ts';
import { PhotoIds } from './photos.ts';

const Note = Type.String({ maxLength: 1000, description: 'reason or remark; required to send back, void, submit a rectification, fail a re-inspection or ask for an extension' });
const Deadline = Type.String({ format: 'date-time', description: 'ISO 8601 instant; for dispatch and reassign it defaults to the category\'s deadline counted in working time from now' });

export const ReportIssueBody = Type.Object({
  category: Type.String({ minLength: 1, maxLength: 60, description: 'subcategory code, e.g. exposed_garbage' }),
  source: IssueSource,
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  address: Type.String({ minLength: 1, maxLength: 200 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  photoIds: Type.Optional(PhotoIds),
}, { additionalProperties: false });

// Typed by hand: the action list is filtered from the vocabulary, so TypeBox cannot infer its literals.
const WorkflowActionName = Type.Unsafe<WorkflowAction>(literals(WORKFLOW_ACTIONS));

const ActionFields = {
  action: WorkflowActionName,
  departmentId: Type.Optional(Type.Integer({ minimum: 1, description: 'dispatch and reassign: defaults to the routing table\'s department for the grid and category' })),
  deadline: Type.Optional(Deadline),
  note: Type.Optional(Note),
};

export const IssueActionBody = Type.Object({
  ...ActionFields,
  photoIds: Type.Optional(PhotoIds),
  version: Type.Integer({ minimum: 1, description: 'the version the change was decided on; a stale one is refused with 409' }),
}, { additionalProperties: false });

export const BulkActionBody = Type.Object({
  ...ActionFields,
  items: Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 2000 }),
}, { additionalProperties: false });

export const BulkOutcome = Type.Object({
  id: Type.Integer(),
  ok: Type.Boolean(),
  version: Type.Optional(Type.Integer({ description: 'the version the problem would have (or has) after the action' })),
  statusCode: Type.Optional(Type.Integer()),
  message: Type.Optional(Type.String()),
  code: Type.Optional(RefusalFields.properties.code),
  params: Type.Optional(RefusalFields.properties.params),
  current: Type.Optional(Type.Object({ code: Type.String(), version: Type.Integer(), state: IssueState }, { description: 'a refused problem as it now is' })),
  allowed: Type.Optional(Type.Array(WorkflowActionName, { description: 'the actions a refused problem allows as it now is' })),
});

export const BulkResult = Type.Object({
  ok: Type.Boolean({ description: 'true when every item was done; false when any was refused and so none was' }),
  outcomes: Type.Array(BulkOutcome),
  message: Type.Optional(Type.String()),
  code: Type.Optional(RefusalFields.properties.code),
  params: Type.Optional(RefusalFields.properties.params),
});

export const WorkflowConflict = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String({ description: 'what changed or why the action is not allowed' }),
  ...RefusalFields.properties,
  issue: Type.Optional(IssueSummary),
  allowed: Type.Optional(Type.Array(WorkflowActionName, { description: 'the actions the problem allows as it now is' })),
});

export const RoutingSuggestion = Type.Object({
  department: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
});

export const GridAtQuery = Type.Object({
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
});

export const GridAt = Type.Object({
  grid: Type.Union([Type.Object({
    code: Type.String(), name: Type.String(),
    yours: Type.Boolean({ description: 'whether this account may report here (a grid worker in their own grids)' }),
  }), Type.Null()], { description: 'null outside the district\'s grids' }),
});

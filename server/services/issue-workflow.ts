import type { FastifyInstance } from 'fastify';
import { createGridLookup, type GridLookup } from '../domain/grid-lookup.ts';
import { applyWorkflowCommand, type WorkflowAction, type WorkflowChanges, type WorkflowCommand } from '../domain/issue-workflow.ts';
import { deadlineFrom, type DeadlineRule } from '../domain/working-time.ts';
import { conflict, invalidParameter, notFound, ClientError } from '../errors.ts';
import type { WorkflowIssueRow } from '../repositories/issue-workflow.ts';
import type { BulkOutcome, BulkResult, IssueSummary, ReportIssueBody } from '../schemas/contract.ts';

/**
 * Every write transaction here takes the write lock up front (BEGIN IMMEDIATE): one that began
 * by reading and then wanted to write could be refused at once while another server process was
 * writing, where waiting its turn (the busy timeout) is what is wanted.
 *
 * Carries out workflow commands: the pure state machine decides, the repositories write the
 * problem, its event and its performance counters in one transaction, and every committed change
 * is announced on the live feed. Refused attempts are kept too.
 */

export interface ActionRequest {
  action: WorkflowAction;
  version: number;
  actor: string;
  departmentId?: number;
  deadlineAt?: number;
  note?: string;
}

/** A report as the API takes it; a reopened problem's report also names the problem it recurs from. */
export type ReportRequest = ReportIssueBody & { recurrenceOf?: number };

/** Event change records name each changed field with its value before and after. */
function changeRecord(issue: WorkflowIssueRow, changes: WorkflowChanges): Record<string, [unknown, unknown]> {
  const record: Record<string, [unknown, unknown]> = {};
  for (const [field, after] of Object.entries(changes)) {
    if (field === 'state') continue;
    const before = (issue as unknown as Record<string, unknown>)[field] ?? null;
    if (before !== after) record[field] = [before, after];
  }
  return record;
}

/** An attempt refused just as one kept this long ago is not kept again: a client retrying in a loop must not fill the history. */
export const REPEATED_REFUSAL_MS = 10 * 60_000;

export function createIssueWorkflow(fastify: FastifyInstance) {
  const { database, repositories, now } = fastify;
  const { workflow, issues, reference, performanceRollups } = repositories;
  let gridAt: GridLookup | null = null;
  const lookup = (longitude: number, latitude: number) => {
    gridAt ??= createGridLookup(repositories.grids.list(now()).map((grid) => ({ code: grid.properties.code, kind: grid.properties.kind, geometry: grid.geometry })));
    return gridAt(longitude, latitude);
  };

  // Categories and their deadline rules do not change while the server runs; read them once.
  let deadlineRules: Map<number, DeadlineRule | null> | null = null;
  const deadlineRuleOf = (categoryId: number) => {
    deadlineRules ??= new Map(reference.categories().map((category) => [category.id, category.deadline]));
    return deadlineRules.get(categoryId) ?? null;
  };

  /** The command a request means, with the defaults a dispatcher expects filled in. */
  function commandFor(issue: WorkflowIssueRow, request: ActionRequest, at: number): WorkflowCommand {
    const note = request.note;
    switch (request.action) {
      case 'dispatch':
      case 'reassign': {
        const departmentId = request.departmentId ?? workflow.suggestedDepartment(issue.gridId, issue.categoryId);
        if (departmentId === null) throw invalidParameter('departmentId', 'no department is routed for this kind of problem here; name one');
        if (!reference.departmentExists(departmentId)) throw invalidParameter('departmentId', `no department has the id ${departmentId}`);
        const rule = deadlineRuleOf(issue.categoryId);
        const deadlineAt = request.deadlineAt ?? (rule ? deadlineFrom(at, rule) : undefined);
        if (deadlineAt === undefined) throw invalidParameter('deadlineAt', 'this kind of problem has no default deadline; give one');
        return { action: request.action, departmentId, deadlineAt, note };
      }
      case 'set_deadline':
      case 'request_extension':
        if (request.deadlineAt === undefined) throw invalidParameter('deadlineAt', `${request.action} needs a deadline`);
        return { action: request.action, deadlineAt: request.deadlineAt, note: note ?? '' };
      case 'send_back':
      case 'void':
        return { action: request.action, note: note ?? '' };
      default:
        return { action: request.action, note };
    }
  }

  /** One action on one problem, inside the caller's transaction; throws a ClientError when refused. */
  function act(id: number, request: ActionRequest, at: number): { eventId: number; reopenedAs?: number } {
    const issue = workflow.issue(id);
    if (!issue) throw notFound(`issue ${id}`);
    if (issue.version !== request.version) {
      throw conflict(`issue ${id} has changed since version ${request.version}: it is now version ${issue.version}, ${issue.state}`,
        { issue: issues.summary(id, at) });
    }
    const outcome = applyWorkflowCommand(issue, commandFor(issue, request, at), at);
    if (!outcome.ok && outcome.kind === 'invalid') throw invalidParameter(outcome.field, outcome.message);
    if (!outcome.ok) throw conflict(outcome.message, { issue: issues.summary(id, at), allowed: outcome.allowed });
    return performanceRollups.changeIssue(id, () => {
      const changes = Object.fromEntries(Object.entries(outcome.changes).filter(([, value]) => value !== undefined)) as WorkflowChanges;
      if (!workflow.update(id, issue.version, changes, at)) throw conflict(`issue ${id} changed while this was being written`, { issue: issues.summary(id, at) });
      let reopenedAs: number | undefined;
      if (request.action === 'reopen') reopenedAs = report({ ...issue, category: '', actor: request.actor, recurrenceOf: id }, at, issue.categoryId).id;
      const eventId = workflow.recordEvent({
        issueId: id, occurredAt: at, actor: request.actor, action: request.action, fromState: issue.state, toState: outcome.toState,
        changes: { ...changeRecord(issue, changes), ...(reopenedAs === undefined ? {} : { recurrence: [null, reopenedAs] }) },
        note: request.note?.trim() || null,
      });
      return { eventId, reopenedAs };
    });
  }

  function report(request: ReportRequest, at: number, categoryId?: number): { id: number; eventId: number } {
    const category = categoryId ?? reference.categories().find((candidate) => candidate.code === request.category && candidate.parentCode !== null)?.id;
    if (category === undefined) throw invalidParameter('category', `'${request.category}' is not a kind of problem (a subcategory code)`);
    const gridCode = lookup(request.longitude, request.latitude);
    if (gridCode === null) throw invalidParameter('longitude', `${request.longitude}, ${request.latitude} is outside the district's grids`);
    const gridId = repositories.grids.idByCode(gridCode)!;
    const id = workflow.nextIssueId();
    return performanceRollups.changeIssue(id, () => {
      workflow.create(id, {
        categoryId: category, source: request.source, description: request.description.trim(), address: request.address.trim(),
        longitude: request.longitude, latitude: request.latitude, gridId, recurrenceOf: request.recurrenceOf ?? null,
      }, at);
      const eventId = workflow.recordEvent({
        issueId: id, occurredAt: at, actor: request.actor, action: 'report', fromState: null, toState: 'reported', changes: {},
        note: request.recurrenceOf === undefined ? null : `反弹：${request.recurrenceOf}`,
      });
      return { id, eventId };
    });
  }

  /** Keeps a refused attempt in the problem's history, outside the refused write's transaction; the same again soon after is not kept twice. */
  function recordRefusal(id: number, request: ActionRequest, at: number, error: ClientError) {
    database.transaction(() => {
      if (!workflow.issue(id)) return;
      workflow.recordRefusal({ issueId: id, attemptedAt: at, actor: request.actor, action: request.action, version: request.version, reason: error.message }, at - REPEATED_REFUSAL_MS);
    }).immediate();
  }

  return {
    report(request: ReportRequest) {
      const at = now();
      const { id, eventId } = database.transaction(() => report(request, at)).immediate();
      fastify.liveFeed.announce([eventId]);
      return id;
    },

    act(id: number, request: ActionRequest) {
      const at = now();
      try {
        const { eventId, reopenedAs } = database.transaction(() => act(id, request, at)).immediate();
        fastify.liveFeed.announce([eventId]);
        return { reopenedAs };
      } catch (error) {
        if (error instanceof ClientError && error.statusCode === 409) recordRefusal(id, request, at, error);
        throw error;
      }
    },

    /** All or nothing: every item is tried, and if any is refused none is written. */
    bulk(items: readonly { id: number; version: number }[], request: Omit<ActionRequest, 'version'>): BulkResult {
      const at = now();
      const outcomes: BulkOutcome[] = [];
      const eventIds: number[] = [];
      const refusals: Array<{ id: number; request: ActionRequest; error: ClientError }> = [];
      const rolledBack = new Error('a bulk item was refused');
      try {
        database.transaction(() => {
          for (const item of items) {
            const itemRequest = { ...request, version: item.version };
            try {
              eventIds.push(act(item.id, itemRequest, at).eventId);
              outcomes.push({ id: item.id, ok: true, version: item.version + 1 });
            } catch (error) {
              if (!(error instanceof ClientError)) throw error;
              const current = error.details.issue as IssueSummary | undefined;
              outcomes.push({
                id: item.id, ok: false, statusCode: error.statusCode, message: error.message,
                ...(current ? { current: { code: current.code, version: current.version, state: current.state } } : {}),
                ...(error.details.allowed ? { allowed: error.details.allowed as WorkflowAction[] } : {}),
              });
              refusals.push({ id: item.id, request: itemRequest, error });
            }
          }
          if (refusals.length > 0) throw rolledBack;
        }).immediate();
      } catch (error) {
        if (error !== rolledBack) throw error;
        const kept = refusals.filter(({ id }) => workflow.issue(id) !== undefined);
        if (kept.length > 0) {
          database.transaction(() => workflow.recordBulkRefusal({
            attemptedAt: at, actor: request.actor, action: request.action, bulkSize: items.length,
            items: kept.map(({ id, request: refused, error: reason }) => ({ issueId: id, version: refused.version, reason: reason.message })),
          }, at - REPEATED_REFUSAL_MS)).immediate();
        }
        return { ok: false, outcomes };
      }
      fastify.liveFeed.announce(eventIds);
      return { ok: true, outcomes };
    },

    suggestedDepartment(id: number): number | null {
      const issue = workflow.issue(id);
      if (!issue) throw notFound(`issue ${id}`);
      return workflow.suggestedDepartment(issue.gridId, issue.categoryId);
    },
  };
}

export type IssueWorkflow = ReturnType<typeof createIssueWorkflow>;

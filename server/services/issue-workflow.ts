import { createGridLookup, type GridLookup } from '../domain/grid-lookup.ts';
import { applyWorkflowCommand, type WorkflowAction, type WorkflowChanges, type WorkflowCommand } from '../domain/issue-workflow.ts';
import { deadlineFrom, type DeadlineRule } from '../domain/working-time.ts';
import { conflict, forbidden, invalidParameter, notFound, refusal, ClientError } from '../errors.ts';
import { inScope, mayTakeAction, type ProblemScope, type Role } from '../domain/roles.ts';
import { auditEntry } from '../store/security.ts';
import { photoFlags, photoStageOf } from '../domain/photo-evidence.ts';
import type { Repositories, WorkflowIssueRow } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { BulkOutcome, BulkResult, IssueSummary, ReportIssueBody } from '../schemas/contract.ts';

/**
 * Carries out workflow commands: the pure state machine decides, the repositories write the
 * problem, its event and its performance counters in one unit of work, and every committed
 * change reaches the live feed through the store. Refused attempts are kept too, in a unit of their own.
 */

/** Who acts, from their session: what the history records, what their role allows, and where from. */
export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  roles: readonly Role[];
  scope: ProblemScope;
  gridIds: readonly number[];
  address: string | null;
}

/** How the problem history names an actor: as the office does, name and 工号. */
export const historyName = (actor: Pick<Actor, 'displayName' | 'username'>) => `${actor.displayName}（${actor.username}）`;

export interface ActionRequest {
  action: WorkflowAction;
  version: number;
  actor: Actor;
  departmentId?: number;
  deadlineAt?: number;
  note?: string;
  /** Photos the actor uploaded, given with a rectification or a re-inspection. */
  photoIds?: readonly number[];
}

/** A request a phone may send again after losing the answer: its key, and a digest of what it asked. */
export interface Idempotency {
  key: string;
  requestDigest: string;
}

/** A report as the API takes it; a reopened problem's report also names the problem it recurs from. */
export type ReportRequest = ReportIssueBody & { actor: Actor; recurrenceOf?: number };


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

/** A commander or inspector reports anywhere; a grid worker in their own grids. */
const mayReportIn = (actor: Pick<Actor, 'roles' | 'gridIds'>, gridId: number) =>
  ['commander', 'inspector'].some((role) => actor.roles.includes(role as Role)) || actor.gridIds.includes(gridId);

/** Bulk items tried at once within their unit of work. */
const BULK_ITEMS_AT_ONCE = 50;

export interface IssueWorkflowDependencies {
  store: Store;
  now: () => number;
}

export function createIssueWorkflow({ store, now }: IssueWorkflowDependencies) {
  // The grid lookup is rebuilt when an import or an edit changes the grids, the moment it does.
  let gridAt: { version: number; grids: Promise<{ lookup: GridLookup; names: Map<string, string> }> } | null = null;
  const gridsNow = async (repositories: Repositories) => {
    const version = await repositories.grids.version();
    if (gridAt?.version !== version) {
      gridAt = {
        version,
        grids: repositories.grids.list(now()).then((grids) => ({
          lookup: createGridLookup(grids.map((grid) => ({ code: grid.properties.code, kind: grid.properties.kind, geometry: grid.geometry }))),
          names: new Map(grids.map((grid) => [grid.properties.code, grid.properties.name])),
        })),
      };
    }
    return gridAt.grids;
  };
  const lookup = async (repositories: Repositories, longitude: number, latitude: number) => (await gridsNow(repositories)).lookup(longitude, latitude);
  // The categories' deadline rules do not change while the server runs; read them once.
  let deadlineRules: Promise<Map<number, DeadlineRule | null>> | null = null;
  const deadlineRuleOf = async (repositories: Repositories, categoryId: number) => {
    deadlineRules ??= repositories.reference.categories().then((categories) => new Map(categories.map((category) => [category.id, category.deadline])));
    return (await deadlineRules).get(categoryId) ?? null;
  };

  /** The command a request means, with the defaults a dispatcher expects filled in. */
  async function commandFor(repositories: Repositories, issue: WorkflowIssueRow, request: ActionRequest, at: number): Promise<WorkflowCommand> {
    const note = request.note;
    switch (request.action) {
      case 'dispatch':
      case 'reassign': {
        const departmentId = request.departmentId ?? await repositories.workflow.suggestedDepartment(issue.gridId, issue.categoryId);
        if (departmentId === null) throw invalidParameter('departmentId', 'no department is routed for this kind of problem here; name one', 'department_required', {});
        if (!await repositories.reference.departmentExists(departmentId)) throw invalidParameter('departmentId', `no department has the id ${departmentId}`, 'unknown_department', { id: departmentId });
        const rule = await deadlineRuleOf(repositories, issue.categoryId);
        const deadlineAt = request.deadlineAt ?? (rule ? deadlineFrom(at, rule) : undefined);
        if (deadlineAt === undefined) throw invalidParameter('deadlineAt', 'this kind of problem has no default deadline; give one', 'deadline_required', {});
        return { action: request.action, departmentId, deadlineAt, note };
      }
      case 'set_deadline':
      case 'request_extension':
        if (request.deadlineAt === undefined) throw invalidParameter('deadlineAt', `${request.action} needs a deadline`, 'deadline_required', {});
        return { action: request.action, deadlineAt: request.deadlineAt, note: note ?? '' };
      case 'send_back':
      case 'void':
      case 'supervise':
        return { action: request.action, note: note ?? '' };
      default:
        return { action: request.action, note };
    }
  }

  /** Gives the actor's uploaded photos to a step of the problem's history, flagged where doubtful. */
  async function attachPhotos(repositories: Repositories, issue: { id: number; longitude: number; latitude: number; dispatchedAt: number | null },
    eventId: number, action: WorkflowAction | 'report', actor: Actor, photoIds: readonly number[] | undefined) {
    if (!photoIds || photoIds.length === 0) return;
    const stage = photoStageOf(action);
    if (stage === null) throw invalidParameter('photoIds', `photos go with a report, a rectification or a re-inspection, not with ${action}`, 'photos_not_for_action', { action });
    const uploads = new Map((await repositories.photos.uploadsBy(actor.accountId, photoIds)).map((upload) => [upload.photo.id, upload]));
    const missing = photoIds.filter((photoId) => !uploads.has(photoId));
    if (missing.length > 0) throw invalidParameter('photoIds', `${missing.map((photoId) => `photo ${photoId}`).join(', ')} ${missing.length === 1 ? 'was' : 'were'} not uploaded by you`, 'photos_not_yours', { photoIds: missing });
    const problem = { longitude: issue.longitude, latitude: issue.latitude, dispatchedAt: issue.dispatchedAt };
    await repositories.photos.attach(issue.id, eventId, photoIds.map((photoId) => {
      const { photo, uploadedAt } = uploads.get(photoId)!;
      return { photoId, stage, flags: photoFlags({ takenAt: photo.takenAt, position: photo.position, uploadedAt }, stage, problem) };
    }));
  }

  /** One action on one problem, inside the caller's unit of work; throws a ClientError when refused. */
  async function act(repositories: Repositories, id: number, request: ActionRequest, at: number): Promise<{ eventId: number; reopenedAs?: number }> {
    const { workflow, issues, performanceRollups } = repositories;
    // Asked first, before the problem is looked up, so the answer says nothing of whether it exists.
    if (!mayTakeAction(request.actor.roles, request.action)) throw forbidden(`the role ${request.actor.roles.join(', ')} may not ${request.action} a problem`, refusal('action_not_permitted', { action: request.action }));
    // The problem's counters are withdrawn while it is read, in the same round trip on a database
    // server; a refusal below ends the unit of work and takes the withdrawal back with it.
    const [issue] = await Promise.all([workflow.issue(id), performanceRollups.withdrawIssue(id)]);
    // A problem outside the actor's scope is answered as one that does not exist.
    if (!issue || !inScope(request.actor.scope, issue)) throw notFound('issue', id);
    if (request.action === 'supervise' && !request.actor.roles.includes('commander') && !request.actor.gridIds.includes(issue.gridId)) {
      throw forbidden('a 督办 note goes on problems in your own grids', refusal('supervise_own_grids', {}));
    }
    if (issue.version !== request.version) {
      throw conflict(`issue ${id} has changed since version ${request.version}: it is now version ${issue.version}, ${issue.state}`,
        refusal('version_conflict', { version: request.version, currentVersion: issue.version, state: issue.state }), { issue: await issues.summary(id, at) });
    }
    const outcome = applyWorkflowCommand(issue, await commandFor(repositories, issue, request, at), at);
    if (!outcome.ok && outcome.kind === 'invalid') {
      throw outcome.code === 'note_required'
        ? invalidParameter(outcome.field, outcome.message, outcome.code, { action: request.action })
        : invalidParameter(outcome.field, outcome.message, outcome.code, {});
    }
    if (!outcome.ok) {
      throw conflict(outcome.message, refusal('action_not_allowed', { action: request.action, state: issue.state, allowed: outcome.allowed }),
        { issue: await issues.summary(id, at), allowed: outcome.allowed });
    }
    const changes = Object.fromEntries(Object.entries(outcome.changes).filter(([, value]) => value !== undefined)) as WorkflowChanges;
    if (!await workflow.update(id, issue.version, changes, at)) throw conflict(`issue ${id} changed while this was being written`, refusal('changed_while_writing', {}), { issue: await issues.summary(id, at) });
    let reopenedAs: number | undefined;
    if (request.action === 'reopen') reopenedAs = (await report(repositories, { ...issue, category: '', actor: request.actor, recurrenceOf: id } as ReportRequest, at, issue.categoryId)).id;
    const eventId = await workflow.recordEvent({
      issueId: id, occurredAt: at, actor: historyName(request.actor), action: request.action, fromState: issue.state, toState: outcome.toState,
      changes: { ...changeRecord(issue, changes), ...(reopenedAs === undefined ? {} : { recurrence: [null, reopenedAs] }) },
      note: request.note?.trim() || null,
    });
    await attachPhotos(repositories, { ...issue, dispatchedAt: changes.assignedAt ?? issue.dispatchedAt }, eventId, request.action, request.actor, request.photoIds);
    await performanceRollups.addIssue(id);
    return { eventId, reopenedAs };
  }

  async function report(repositories: Repositories, request: ReportRequest, at: number, categoryId?: number): Promise<{ id: number; eventId: number }> {
    const category = categoryId ?? (await repositories.reference.categories()).find((candidate) => candidate.code === request.category && candidate.parentCode !== null)?.id;
    if (category === undefined) throw invalidParameter('category', `'${request.category}' is not a kind of problem (a subcategory code)`, 'unknown_category', { category: request.category });
    const gridCode = await lookup(repositories, request.longitude, request.latitude);
    if (gridCode === null) throw invalidParameter('longitude', `${request.longitude}, ${request.latitude} is outside the district's grids`, 'outside_district', {});
    const gridId = (await repositories.grids.idByCode(gridCode))!;
    if (!mayReportIn(request.actor, gridId)) {
      throw forbidden(`${request.longitude}, ${request.latitude} is in grid ${gridCode}, outside your grids: a grid worker reports in their own`, refusal('outside_your_grids', { grid: gridCode }));
    }
    const id = await repositories.workflow.create({
      categoryId: category, source: request.source, description: request.description.trim(), address: request.address.trim(),
      longitude: request.longitude, latitude: request.latitude, gridId, recurrenceOf: request.recurrenceOf ?? null,
    }, at);
    const eventId = await repositories.workflow.recordEvent({
      issueId: id, occurredAt: at, actor: historyName(request.actor), action: 'report', fromState: null, toState: 'reported', changes: {},
      note: request.recurrenceOf === undefined ? null : `反弹：${request.recurrenceOf}`,
    });
    await attachPhotos(repositories, { id, longitude: request.longitude, latitude: request.latitude, dispatchedAt: null }, eventId, 'report', request.actor, request.photoIds);
    await repositories.performanceRollups.addIssue(id);
    return { id, eventId };
  }

  /**
   * The problem an earlier request with this key made or acted on, when this is that request sent
   * again; a key used for another request is refused. Undefined for a request not seen before.
   */
  async function replayed(repositories: Repositories, actor: Actor, idempotency: Idempotency | undefined): Promise<number | undefined> {
    if (!idempotency) return undefined;
    const earlier = await repositories.idempotentRequests.find(actor.accountId, idempotency.key);
    if (!earlier) return undefined;
    if (earlier.requestDigest !== idempotency.requestDigest) {
      throw new ClientError(400, `Idempotency-Key: ${idempotency.key} was used for another request; a new request needs a new key`, refusal('idempotency_key_reused', {}));
    }
    return earlier.issueId;
  }

  /** Keeps a refused attempt in the problem's history, outside the refused write's unit of work; the same again soon after is not kept twice. */
  function recordRefusal(id: number, request: ActionRequest, at: number, error: ClientError) {
    return store.unitOfWork(async ({ repositories: { workflow } }) => {
      if (!await workflow.issue(id)) return;
      await workflow.recordRefusal({ issueId: id, attemptedAt: at, actor: historyName(request.actor), action: request.action, version: request.version, reason: error.message }, at - REPEATED_REFUSAL_MS);
    });
  }

  /** Tries one bulk item, turning a refusal into its outcome. */
  async function bulkItem(repositories: Repositories, item: { id: number; version: number }, request: ActionRequest, at: number) {
    try {
      await act(repositories, item.id, request, at);
      return { outcome: { id: item.id, ok: true, version: item.version + 1 } satisfies BulkOutcome };
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      const current = error.details.issue as IssueSummary | undefined;
      const outcome: BulkOutcome = {
        id: item.id, ok: false, statusCode: error.statusCode, message: error.message, code: error.refusal.code, params: error.refusal.params,
        ...(current ? { current: { code: current.code, version: current.version, state: current.state } } : {}),
        ...(error.details.allowed ? { allowed: error.details.allowed as WorkflowAction[] } : {}),
      };
      return { outcome, refusal: error };
    }
  }

  return {
    /** Reports a problem; a request sent again with its Idempotency-Key answers the problem the first one made. */
    async report(request: ReportRequest, idempotency?: Idempotency): Promise<number> {
      const at = now();
      return store.unitOfWork(async ({ repositories }) => {
        const earlier = await replayed(repositories, request.actor, idempotency);
        if (earlier !== undefined) return earlier;
        const reported = await report(repositories, request, at);
        await repositories.audit.record(auditEntry(request.actor, at, 'issue.report', `issue:${reported.id}`, { event: reported.eventId }));
        if (idempotency) await repositories.idempotentRequests.remember(request.actor.accountId, idempotency.key, idempotency.requestDigest, reported.id, at);
        return reported.id;
      });
    },

    async act(id: number, request: ActionRequest, idempotency?: Idempotency): Promise<{ reopenedAs?: number }> {
      const at = now();
      try {
        const { reopenedAs } = await store.unitOfWork<{ reopenedAs?: number }>(async ({ repositories }) => {
          if (await replayed(repositories, request.actor, idempotency) !== undefined) return {};
          const done = await act(repositories, id, request, at);
          await repositories.audit.record(auditEntry(request.actor, at, `issue.${request.action}`, `issue:${id}`,
            { event: done.eventId, version: request.version, ...(done.reopenedAs === undefined ? {} : { reopenedAs: done.reopenedAs }) }));
          if (idempotency) await repositories.idempotentRequests.remember(request.actor.accountId, idempotency.key, idempotency.requestDigest, id, at);
          return done;
        });
        return { reopenedAs };
      } catch (error) {
        if (error instanceof ClientError && error.statusCode === 409) await recordRefusal(id, request, at, error);
        throw error;
      }
    },

    /** All or nothing: every item is tried, and if any is refused none is written. */
    async bulk(items: readonly { id: number; version: number }[], request: Omit<ActionRequest, 'version'>): Promise<BulkResult> {
      const at = now();
      const { outcomes, refusals } = await store.unitOfWork(async (unit) => {
        const tried = { outcomes: [] as BulkOutcome[], refusals: [] as Array<{ id: number; version: number; error: ClientError }> };
        // The items are distinct problems, so a batch of them goes at once: a database server
        // then works through their queries in one stream rather than one round trip at a time.
        for (let start = 0; start < items.length; start += BULK_ITEMS_AT_ONCE) {
          const batch = items.slice(start, start + BULK_ITEMS_AT_ONCE);
          const results = await Promise.all(batch.map((item) => bulkItem(unit.repositories, item, { ...request, version: item.version }, at)));
          for (const [index, { outcome, refusal }] of results.entries()) {
            tried.outcomes.push(outcome);
            if (refusal) tried.refusals.push({ ...batch[index]!, error: refusal });
          }
        }
        if (tried.refusals.length > 0) unit.rollback();
        else await unit.repositories.audit.record(auditEntry(request.actor, at, `issue.bulk.${request.action}`, `issues:${items.length}`, { ids: items.map((item) => item.id) }));
        return tried;
      });
      if (refusals.length === 0) return { ok: true, outcomes };
      await store.unitOfWork(async ({ repositories: { workflow } }) => {
        const kept = [];
        for (const refusal of refusals) if (await workflow.issue(refusal.id)) kept.push(refusal);
        if (kept.length === 0) return;
        await workflow.recordBulkRefusal({
          attemptedAt: at, actor: historyName(request.actor), action: request.action, bulkSize: items.length,
          items: kept.map(({ id, version, error }) => ({ issueId: id, version, reason: error.message })),
        }, at - REPEATED_REFUSAL_MS);
      });
      return { ok: false, outcomes };
    },

    /** The grid a position falls in, as a report there would find it, and whether the actor may report there; null outside the district's grids. */
    async gridAt(longitude: number, latitude: number, actor: Pick<Actor, 'roles' | 'gridIds'>): Promise<{ code: string; name: string; yours: boolean } | null> {
      const { lookup: find, names } = await gridsNow(store.repositories);
      const code = find(longitude, latitude);
      if (code === null) return null;
      const gridId = (await store.repositories.grids.idByCode(code))!;
      return { code, name: names.get(code)!, yours: mayReportIn(actor, gridId) };
    },

    async suggestedDepartment(id: number, scope: ProblemScope): Promise<number | null> {
      const { workflow } = store.repositories;
      const issue = await workflow.issue(id);
      if (!issue || !inScope(scope, issue)) throw notFound('issue', id);
      return workflow.suggestedDepartment(issue.gridId, issue.categoryId);
    },
  };
}

export type IssueWorkflow = ReturnType<typeof createIssueWorkflow>;

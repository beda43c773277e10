import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../schemas/common.ts';
import { IssueDetail, IssueIdParams } from '../schemas/issues.ts';
import { BulkActionBody, BulkResult, GridAt, GridAtQuery, IssueActionBody, ReportIssueBody, RoutingSuggestion, WorkflowConflict } from '../schemas/issue-workflow.ts';
import type { Idempotency, IssueWorkflow } from '../services/issue-workflow.ts';
import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import { invalidParameter } from '../errors.ts';
import { actorOf, scopeOf } from '../plugins/authentication.ts';

const instantOf = (deadline: string | undefined) => {
  if (deadline === undefined) return undefined;
  const instant = Date.parse(deadline);
  if (Number.isNaN(instant)) throw invalidParameter('deadline', `'${deadline}' is not an instant`);
  return instant;
};

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$',
    description: 'a key the client makes for this request (a UUID); sent again with the same request, it is answered as the first time and nothing is done twice',
  })),
});

/** The request's key and what it asked, so that the same key with another request is told apart. */
function idempotencyOf(key: string | undefined, request: unknown): Idempotency | undefined {
  if (key === undefined) return undefined;
  return { key, requestDigest: createHash('sha256').update(JSON.stringify(request)).digest('hex') };
}

/** The workflow's writes: report a problem, act on one, act on many at once. */
const routes: FastifyPluginAsyncTypebox<{ workflow: IssueWorkflow }> = async (fastify, { workflow }) => {
  const detail = async (id: number) => (await fastify.repositories.issues.get(id, fastify.now()))!;

  fastify.post('/issues', {
    config: { permission: 'report' },
    bodyLimit: 16_384,
    schema: {
      tags: ['workflow'], summary: 'Report a problem; its position finds its grid', headers: IdempotencyHeaders, body: ReportIssueBody, response: withErrors({ 201: IssueDetail }),
    },
  }, async (request, reply) => {
    const idempotency = idempotencyOf(request.headers['idempotency-key'], { report: request.body });
    return reply.code(201).send(await detail(await workflow.report({ ...request.body, actor: actorOf(request) }, idempotency)));
  });

  fastify.post('/issues/:id/actions', {
    config: { permission: 'act' },
    bodyLimit: 16_384,
    schema: {
      tags: ['workflow'], summary: 'One workflow action on a problem at a known version',
      params: IssueIdParams, headers: IdempotencyHeaders, body: IssueActionBody, response: withErrors({ 200: IssueDetail, 409: WorkflowConflict }),
    },
  }, async (request) => {
    const { deadline, ...body } = request.body;
    const idempotency = idempotencyOf(request.headers['idempotency-key'], { issue: request.params.id, action: request.body });
    await workflow.act(request.params.id, { ...body, actor: actorOf(request), deadlineAt: instantOf(deadline) }, idempotency);
    return detail(request.params.id);
  });

  fastify.post('/issues/bulk', {
    config: { permission: 'bulk' },
    bodyLimit: 262_144,
    schema: {
      tags: ['workflow'], summary: 'One action on many problems, all or nothing, with each item\'s outcome',
      body: BulkActionBody, response: withErrors({ 200: BulkResult, 409: BulkResult }),
    },
  }, async (request, reply) => {
    const { items, deadline, ...body } = request.body;
    const listed = new Set<number>();
    for (const { id } of items) {
      if (listed.has(id)) throw invalidParameter('items', `problem ${id} is listed twice`);
      listed.add(id);
    }
    const result = await workflow.bulk(items, { ...body, actor: actorOf(request), deadlineAt: instantOf(deadline) });
    if (result.ok) return result;
    const refused = result.outcomes.filter((outcome) => !outcome.ok).length;
    return reply.code(409).send({ ...result, message: `${refused} of ${items.length} refused; nothing was changed`, code: 'bulk_refused', params: { refused, total: items.length } });
  });

  fastify.get('/issues/:id/routing', {
    config: { permission: 'problems' },
    schema: { tags: ['workflow'], summary: 'The department the routing table proposes for this problem', params: IssueIdParams, response: withErrors({ 200: RoutingSuggestion }) },
  }, async (request) => {
    const departmentId = await workflow.suggestedDepartment(request.params.id, scopeOf(request));
    const department = departmentId === null ? null : (await fastify.repositories.reference.departments()).find((candidate) => candidate.id === departmentId) ?? null;
    return { department: department && { id: department.id, name: department.name } };
  });

  fastify.get('/grid-at', {
    config: { permission: 'report' },
    schema: {
      tags: ['workflow'], summary: 'The grid a report at this position would fall in, and whether the account may report there',
      querystring: GridAtQuery, response: withErrors({ 200: GridAt }),
    },
  }, async (request) => ({ grid: await workflow.gridAt(request.query.longitude, request.query.latitude, actorOf(request)) }));
};
export default routes;

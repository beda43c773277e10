import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../schemas/common.ts';
import { Type } from 'typebox';
import { IssueDetail, IssueIdParams, IssueList, IssueListQuery, IssuePositionsQuery } from '../schemas/issues.ts';
import { notFound } from '../errors.ts';
import { createAnswerCache } from '../services/answer-cache.ts';
import { resolveIssueFilters, parseCursor } from '../services/issue-filters.ts';
import { scopeOf, usernameOf } from '../plugins/authentication.ts';
import { inScope } from '../domain/roles.ts';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  // Counting a million problems takes PostgreSQL tens of milliseconds; a count stands until the
  // next write, or until a problem falls overdue, and the list's first page is asked for far more often.
  const totals = createAnswerCache(fastify.repositories.dataVersion, 256);

  fastify.get('/issues', {
    config: { permission: 'problems' },
    schema: { tags: ['issues'], summary: 'Problems matching the filters, newest first, a page at a time', querystring: IssueListQuery, response: withErrors({ 200: IssueList }) },
  }, async (request) => {
    const now = fastify.now();
    const filters = await resolveIssueFilters(request.query, fastify.repositories, now, scopeOf(request), usernameOf(request));
    const page = { limit: request.query.limit, before: parseCursor(request.query.cursor) };
    const total = Number(await totals.answer(JSON.stringify(filters), now, () => fastify.repositories.issues.count(filters, now)));
    return fastify.repositories.issues.list(filters, page, now, total);
  });

  fastify.get('/issues/positions', {
    config: { permission: 'problems' },
    schema: {
      tags: ['issues'], summary: 'Every matching problem as position, id, state and overdue flag, in a compact binary form',
      querystring: IssuePositionsQuery,
      response: withErrors({ 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'see server/schemas/issue-positions-format.ts' }) }),
    },
  }, async (request, reply) => {
    const now = fastify.now();
    const { body, count } = await fastify.repositories.issues.positions(await resolveIssueFilters(request.query, fastify.repositories, now, scopeOf(request), usernameOf(request)), now);
    return reply.type('application/octet-stream').header('x-issue-count', count).send(body);
  });

  fastify.get('/issues/:id', {
    config: { permission: 'problems' },
    schema: { tags: ['issues'], summary: 'One problem with its full event history', params: IssueIdParams, response: withErrors({ 200: IssueDetail }) },
  }, async (request) => {
    const scope = scopeOf(request);
    // Out of scope is answered as not there: its existence is not revealed.
    if (scope.kind !== 'all') {
      const held = await fastify.repositories.workflow.issue(request.params.id);
      if (!held || !inScope(scope, held)) throw notFound('issue', request.params.id);
    }
    const issue = await fastify.repositories.issues.get(request.params.id, fastify.now());
    if (!issue) throw notFound('issue', request.params.id);
    return issue;
  });
};
export default routes;

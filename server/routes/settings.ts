import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { scoringSettingsProblems } from '../domain/scoring-settings.ts';
import { ClientError } from '../errors.ts';
import { withErrors } from '../schemas/common.ts';
import { ScoringSettingsResponse, ScoringSettingsUpdate } from '../schemas/performance.ts';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const current = async () => ({ ...await fastify.repositories.scoringSettings.current(), history: await fastify.repositories.scoringSettings.history() });

  fastify.get('/settings/scoring', {
    schema: { tags: ['settings'], summary: 'Scoring weights, grades, minimum sample and 红黑榜 rules, with every change made', response: { 200: ScoringSettingsResponse } },
  }, async () => current());

  fastify.put('/settings/scoring', {
    schema: { tags: ['settings'], summary: 'Replace the scoring settings; the change is recorded', body: ScoringSettingsUpdate, response: withErrors({ 200: ScoringSettingsResponse }) },
  }, async (request) => {
    const problems = scoringSettingsProblems(request.body.settings);
    if (problems.length > 0) throw new ClientError(400, `settings.${problems.join('; settings.')}`);
    const { settings, changedBy, note } = request.body;
    await fastify.store.unitOfWork(({ repositories }) => repositories.scoringSettings.record(settings, changedBy, note ?? null, fastify.now()));
    return current();
  });
};
export default routes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { scoringSettingsProblems } from '../domain/scoring-settings.ts';
import { ClientError, refusal } from '../errors.ts';
import { actorOf } from '../plugins/authentication.ts';
import { historyName } from '../services/issue-workflow.ts';
import { auditEntry } from '../store/security.ts';
import { withErrors } from '../schemas/common.ts';
import { ScoringSettingsResponse, ScoringSettingsUpdate } from '../schemas/performance.ts';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const current = async () => ({ ...await fastify.repositories.scoringSettings.current(), history: await fastify.repositories.scoringSettings.history() });

  fastify.get('/settings/scoring', {
    config: { permission: 'map' },
    schema: { tags: ['settings'], summary: 'Scoring weights, grades, minimum sample and 红黑榜 rules, with every change made', response: { 200: ScoringSettingsResponse } },
  }, async () => current());

  fastify.put('/settings/scoring', {
    config: { permission: 'settings' },
    bodyLimit: 65_536,
    schema: { tags: ['settings'], summary: 'Replace the scoring settings; the change is recorded', body: ScoringSettingsUpdate, response: withErrors({ 200: ScoringSettingsResponse }) },
  }, async (request) => {
    const problems = scoringSettingsProblems(request.body.settings);
    if (problems.length > 0) throw new ClientError(400, `settings.${problems.join('; settings.')}`, refusal('invalid_parameter', { field: 'settings' }));
    const { settings, note } = request.body;
    const actor = actorOf(request);
    const now = fastify.now();
    await fastify.store.unitOfWork(async ({ repositories }) => {
      const change = await repositories.scoringSettings.record(settings, historyName(actor), note ?? null, now);
      await repositories.audit.record(auditEntry(actor, now, 'settings.change', `settings:${change.id}`, { note: note ?? null }));
    });
    return current();
  });
};
export default routes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resolvePerformanceWindow, type WindowQuery } from '../domain/performance-window.ts';
import { bucketsBetween } from '../domain/time-buckets.ts';
import type { Limits } from '../limits.ts';
import { invalidParameter } from '../errors.ts';
import { withErrors } from '../schemas/common.ts';
import { PerformanceList, PerformanceQuery, Rankings, RankingsQuery, Trend, TrendQuery } from '../schemas/performance.ts';
import { performanceByUnit, performanceTrend, rankingsFor } from '../services/performance-report.ts';
import { performanceWorkbook, UNIT_KIND_NAMES } from '../export/performance-workbook.ts';

const routes: FastifyPluginAsyncTypebox<{ limits: Limits }> = async (fastify, { limits }) => {
  const windowOf = (query: WindowQuery) => resolvePerformanceWindow(query, fastify.now(), limits.maximumWindowDays);
  const settings = async () => (await fastify.repositories.scoringSettings.current()).settings;

  fastify.get('/performance', {
    config: { permission: 'map' },
    schema: { tags: ['performance'], summary: 'Every unit of a kind: metrics, composite, grade and rank over a window', querystring: PerformanceQuery, response: withErrors({ 200: PerformanceList }) },
  }, async (request) => {
    const window = windowOf(request.query);
    const rows = await performanceByUnit(fastify.repositories.performance, await settings(), request.query.unit, window, fastify.now());
    return { window: { from: window.firstDay, to: window.lastDay }, rows };
  });

  fastify.get('/performance/trend', {
    config: { permission: 'map' },
    schema: { tags: ['performance'], summary: 'One unit per day, week or month: metrics and composite', querystring: TrendQuery, response: withErrors({ 200: Trend }) },
  }, async (request) => {
    const { unit: kind, id, interval } = request.query;
    const window = windowOf(request.query);
    const buckets = bucketsBetween(window.firstDay, window.lastDay, interval).length;
    if (buckets > limits.maximumTrendPoints) throw invalidParameter('interval', `a trend has at most ${limits.maximumTrendPoints} points; by ${interval} this window has ${buckets}`, 'too_many_trend_points', { maximum: limits.maximumTrendPoints, points: buckets });
    const units = await fastify.repositories.performance.units(kind);
    const unit = kind === 'district' ? units[0] : units.find((candidate) => candidate.key === id);
    if (!unit) throw invalidParameter('id', id === undefined ? `a ${kind} is needed` : `no ${kind} ${id}`);
    const points = await performanceTrend(fastify.repositories.performance, await settings(), kind, unit.id, interval, window);
    return { unit: { kind, ...unit }, interval, window: { from: window.firstDay, to: window.lastDay }, points };
  });

  fastify.get('/rankings', {
    config: { permission: 'map' },
    schema: { tags: ['performance'], summary: '红黑榜 for a kind of unit, with 黑榜 streaks and escalation', querystring: RankingsQuery, response: withErrors({ 200: Rankings }) },
  }, async (request) => rankingsFor(fastify.repositories.performance, await settings(), request.query.unit, windowOf(request.query), fastify.now()));

  fastify.get('/exports/performance.xlsx', {
    config: { permission: 'map' },
    schema: { tags: ['exports'], summary: 'A kind of unit\'s performance over a window and its 红黑榜, as xlsx (the figures /performance and /rankings answer)', querystring: RankingsQuery },
  }, async (request, reply) => {
    const window = windowOf(request.query);
    const [scoring, now] = [await settings(), fastify.now()];
    const rows = await performanceByUnit(fastify.repositories.performance, scoring, request.query.unit, window, now);
    const rankings = await rankingsFor(fastify.repositories.performance, scoring, request.query.unit, window, now, rows);
    const workbook = await performanceWorkbook(request.query.unit, { window: { from: window.firstDay, to: window.lastDay }, rows }, rankings);
    const name = `${UNIT_KIND_NAMES[request.query.unit]}绩效与红黑榜${window.firstDay}至${window.lastDay}.xlsx`;
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="performance.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`).send(Buffer.from(workbook));
  });
};
export default routes;

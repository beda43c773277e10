import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Category, Department, Leader, Street } from '../schemas/reference.ts';
import { DAY_MS } from '../domain/china-time.ts';

/** How far back what is reported most is counted: long enough to be steady, short enough to follow a season's campaign. */
const MOST_REPORTED_DAYS = 30;

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { reference } = fastify.repositories;
  fastify.get('/leaders', {
    config: { permission: 'map' },
    schema: { tags: ['reference'], summary: 'County-level leaders (包片县级领导) and their grids', response: { 200: Type.Array(Leader) } },
  }, async () => reference.leaders());
  fastify.get('/departments', {
    config: { permission: 'map' },
    schema: { tags: ['reference'], summary: 'Responsible departments', response: { 200: Type.Array(Department) } },
  }, async () => reference.departments());
  fastify.get('/categories', {
    config: { permission: 'map' },
    schema: { tags: ['reference'], summary: 'Problem categories (大类 and 小类) with default deadlines', response: { 200: Type.Array(Category) } },
  }, async () => reference.categories());
  fastify.get('/categories/most-reported', {
    config: { permission: 'report' },
    schema: {
      tags: ['reference'], summary: 'The ten subcategories reported most in the last 30 days, most first: what a reporter\'s list puts first',
      response: { 200: Type.Array(Type.String({ description: 'subcategory code' })) },
    },
  }, async () => fastify.repositories.issues.mostReportedCategories(fastify.now() - MOST_REPORTED_DAYS * DAY_MS, 10));
  fastify.get('/streets', {
    config: { permission: 'map' },
    schema: { tags: ['reference'], summary: 'Street offices (街道)', response: { 200: Type.Array(Street) } },
  }, async () => reference.streets());
};
export default routes;

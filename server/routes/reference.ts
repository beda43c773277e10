import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Category, Department, Leader, Street } from '../schemas/reference.ts';

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
  fastify.get('/streets', {
    config: { permission: 'map' },
    schema: { tags: ['reference'], summary: 'Street offices (街道)', response: { 200: Type.Array(Street) } },
  }, async () => reference.streets());
};
export default routes;

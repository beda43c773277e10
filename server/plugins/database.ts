import fastifyPlugin from 'fastify-plugin';
import type { Store } from '../store/store.ts';
import type { Repositories } from '../store/repositories.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** Reads outside any unit of work. */
    repositories: Repositories;
  }
}

export interface DatabasePluginOptions {
  store: Store;
}

/** Hands the store and its read repositories to the routes; closes it with the app. */
export default fastifyPlugin<DatabasePluginOptions>(async (fastify, { store }) => {
  fastify.decorate('store', store);
  fastify.decorate('repositories', store.repositories);
  fastify.addHook('onClose', async () => store.close());
}, { name: 'database' });

import fastifyPlugin from 'fastify-plugin';
import type { District } from '../store/districts.ts';
import type { Store } from '../store/store.ts';
import type { LiveFeed } from './live-feed.ts';

/** A district the app serves, with what its own context holds. */
export interface ServedDistrict {
  district: District;
  store: Store;
  liveFeed: LiveFeed;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every district served, in the order they were listed; each district's context adds itself. */
    servedDistricts: ServedDistrict[];
  }
}

/** The list of served districts the installation-wide routes and metrics look across. */
export default fastifyPlugin(async (fastify) => {
  fastify.decorate('servedDistricts', []);
}, { name: 'served-districts' });

import fastifyPlugin from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { ClientError, refusal } from '../errors.ts';

/**
 * Per address, writes and the reads that cost the server most are limited, each kind sharing one
 * allowance across its routes, so one client cannot flood the server by spreading out. Generous
 * by default: a command centre's PCs often reach us from one address.
 */

export interface RateLimits {
  /** Writes (reports, actions, settings) per address per minute (CIVGRID_RATE_LIMIT_WRITES). */
  writesPerMinute: number;
  /** Reads of figures, maps and the live feed per address per minute (CIVGRID_RATE_LIMIT_READS). */
  expensiveReadsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { writesPerMinute: 600, expensiveReadsPerMinute: 1200 };
/** For benchmarks and browser tests, which play a whole office from one address. */
export const UNLIMITED: RateLimits = { writesPerMinute: 1_000_000, expensiveReadsPerMinute: 1_000_000 };

/** Addresses remembered at once; the least recent go first. */
const ADDRESSES_KEPT = 10_000;

/**
 * The plugin's fixed-window count, in one store for every route: its own store gives each route a
 * store of its own, so a group of routes (its groupId) would not share one allowance.
 */
class SharedWindowStore {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();

  // The plugin passes each route's window as a third argument, which its types leave out.
  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow = 60_000): void {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) window = { count: 0, startedAt: now };
    window.count += 1;
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > ADDRESSES_KEPT) this.windows.delete(this.windows.keys().next().value!);
    callback(null, { current: window.count, ttl: window.startedAt + timeWindow - now });
  }

  child(): SharedWindowStore {
    return this;
  }
}

/** Reads that compute over many problems or hold a connection: a district's, or the city's across them all. */
const EXPENSIVE_READS = /^\/api\/(city$|districts\/[^/]+\/(grids|performance|rankings|issues\/positions|events|screen)(\/|$))/;

export default fastifyPlugin<RateLimits>(async (fastify, limits) => {
  // Runs before the rate-limit plugin's own onRoute hook, which reads what this one sets.
  fastify.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const group = methods.some((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
      ? { groupId: 'writes', max: limits.writesPerMinute }
      : EXPENSIVE_READS.test(route.url) ? { groupId: 'expensive-reads', max: limits.expensiveReadsPerMinute } : null;
    // A route with an allowance of its own (signing in) keeps it.
    if (group && !route.config?.rateLimit) route.config = { ...route.config, rateLimit: { ...group, timeWindow: 60_000 } };
  });
  await fastify.register(rateLimit, {
    global: false,
    store: SharedWindowStore,
    errorResponseBuilder: (_request, context) => new ClientError(429, `too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s`, refusal('too_many_requests', { retryAfterSeconds: Math.ceil(context.ttl / 1000) })),
  });
}, { name: 'rate-limits' });

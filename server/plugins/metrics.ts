import fastifyPlugin from 'fastify-plugin';
import { existsSync, statSync } from 'node:fs';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics at /metrics (prom-client): each route's latency, the live feed's clients and
 * the events waiting to go to them, the database's size on disk, the age of the newest backup,
 * and the process's own (memory, event-loop delay, garbage collection).
 */
export default fastifyPlugin(async (fastify) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'civgrid_' });
  const latency = new Histogram({
    name: 'civgrid_http_request_duration_seconds',
    help: 'Time to answer a request, by route',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const feeds = () => fastify.servedDistricts.map(({ liveFeed }) => liveFeed);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  new Gauge({ name: 'civgrid_live_feed_clients', help: 'Pages connected to the live feed, of every district', registers: [registry], collect() { this.set(sum(feeds().map((feed) => feed.clients()))); } });
  new Gauge({ name: 'civgrid_live_feed_most_buffered_bytes', help: 'The most unread bytes one live-feed client has waiting', registers: [registry], collect() { this.set(Math.max(0, ...feeds().map((feed) => feed.mostBufferedBytes()))); } });
  new Gauge({ name: 'civgrid_live_feed_queued_events', help: 'Committed events not yet sent to the live feed, of every district', registers: [registry], collect() { this.set(sum(feeds().map((feed) => feed.queued()))); } });
  new Gauge({
    name: 'civgrid_database_bytes', help: 'An embedded database\'s file and its write-ahead log on disk (a database server measures its own)', registers: [registry],
    collect() {
      const files = fastify.servedDistricts.filter(({ store }) => store.dialect === 'sqlite').flatMap(({ store }) => [store.location, `${store.location}-wal`]);
      this.set(sum(files.filter((file) => existsSync(file)).map((file) => statSync(file).size)));
    },
  });
  if (fastify.hasDecorator('backups')) {
    new Gauge({
      name: 'civgrid_last_backup_age_seconds', help: 'Since the newest backup was taken (Nan, not a number, before the first)', registers: [registry],
      collect() {
        const taken = fastify.backups.status().lastTakenAt;
        this.set(taken === null ? Number.NaN : (fastify.now() - taken) / 1000);
      },
    });
  }

  fastify.addHook('onResponse', async (request, reply) => {
    latency.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode }, reply.elapsedTime / 1000);
  });
  fastify.get('/metrics', { config: { permission: 'monitoring' }, schema: { tags: ['system'], summary: 'Prometheus metrics', hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()));
}, { name: 'metrics', dependencies: ['served-districts', 'clock', 'authentication'] });

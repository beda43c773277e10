import Fastify from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import app, { fastifyOptions } from '../server/app.ts';
import { openDatabase } from '../server/database/open.ts';
import { createSeededDatabase, TEST_NOW } from '../tests/support/test-database.ts';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
const district = createSeededDatabase(DEFAULT_ISSUE_COUNT);
const server = Fastify({ ...fastifyOptions, logger: false });
await server.register(fastifyPlugin(app), { database: openDatabase(district.path), now: () => TEST_NOW });
await server.ready();
const urls = ['/api/screen/today', '/api/grids?from=2026-10-24&to=2026-11-22', '/api/performance?unit=district&from=2026-10-24&to=2026-11-22', '/api/performance?unit=district&from=2026-10-23&to=2026-11-21', '/api/performance?unit=leader&from=2026-10-24&to=2026-11-22', '/api/rankings?unit=grid&from=2026-11-16&to=2026-11-22', '/api/performance/trend?unit=district&id=district&interval=day&from=2026-10-24&to=2026-11-22', '/api/inspection-points'];
for (let round = 0; round < 2; round++) for (const url of urls) { const t = performance.now(); const r = await server.inject({ url }); console.log(round, (performance.now() - t).toFixed(1), r.statusCode, r.body.length, url); }
await server.close(); district.remove();

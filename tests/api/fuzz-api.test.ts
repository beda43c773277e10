import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';
import { join } from 'node:path';
import { DISTRICT_TILES_FILE } from '../../server/basemap/district-tiles.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../server/domain/scoring-settings.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { isRefusalCode } from '../../server/schemas/refusal-codes.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * Every route of the OpenAPI document, sent thousands of generated hostile requests: non-finite
 * and huge numbers, wrong types, injections, unicode, lists and windows of any length, bodies
 * mangled or replaced, wrong content types. None may answer 5xx, and a refused write may change
 * nothing (a 409 keeps its refused attempt, and nothing else). The seed is fixed so a failure
 * repeats; FUZZ_SEED and FUZZ_RUNS explore further.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

interface Route { method: string; path: string; query: string[]; hasBody: boolean }

let district: TestDatabase;
let app: FastifyInstance;
let routes: Route[];
beforeAll(async () => {
  district = createSeededDatabase(400);
  app = await buildTestApp({
    database: district.database, rateLimits: UNLIMITED, basemapTiles: join(district.basemapDirectory, DISTRICT_TILES_FILE),
  });
  const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({
    // The live feed's GET is a stream that never ends by design; its HEAD is fuzzed instead.
    method: path === '/api/districts/{district}/events' ? 'HEAD' : method.toUpperCase(),
    path,
    query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
    hasBody: operation.requestBody !== undefined,
  })));
});
afterAll(async () => {
  await app.close();
  district.remove();
});

/** Values a hostile client sends where a number, a date, a code or a name belongs. */
const hostileText = fc.oneof(
  fc.constantFrom('Infinity', '-Infinity', 'NaN', '1e400', '-1e400', '-1', '0', '1.5', '9007199254740993', '99999999999999999999', 'true', 'null',
    '[]', '{}', '', ' ', '../../../etc/passwd', "' OR 1=1 --", '"; DROP TABLE issues; --', '%00', '\u0000', '<script>alert(1)</script>',
    '0000-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '2026-11-20T25:00:00Z', 'closed,closed,closed', 'last-week', 'district', 'B01', 'x'.repeat(5000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(1e308, -1e308, 0, -1, 2 ** 53 + 2, 1.5, true, false, null, [], {}),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const DEADLINE = '2026-12-01T09:00:00+08:00';
/** A sensible body per write, which the fuzzer then mangles. */
const sampleBodies: Record<string, () => unknown> = {
  'POST /api/districts/{district}/issues': () => ({ category: 'exposed_garbage', source: 'citizen_report', description: '垃圾', address: '路口', longitude: 117, latitude: 36.61 }),
  'POST /api/districts/{district}/issues/{id}/actions': () => ({ action: 'dispatch', version: 1, departmentId: 1, deadline: DEADLINE, note: '备注' }),
  'POST /api/districts/{district}/issues/bulk': () => ({ action: 'set_deadline', deadline: DEADLINE, items: [{ id: 1, version: 1 }, { id: 2, version: 1 }] }),
  'PUT /api/districts/{district}/settings/scoring': () => ({ settings: structuredClone(DEFAULT_SCORING_SETTINGS), changedBy: '王主任', note: '调整' }),
};

/** Every place in a JSON value, as a list of keys from the top. */
function placesIn(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [path];
  return [path, ...Object.entries(value).flatMap(([key, item]) => placesIn(item, [...path, Array.isArray(value) ? Number(key) : key]))];
}

type Mutation = { place: number; kind: 'replace' | 'remove' | 'add'; value: unknown; key: string };

function mangle(body: unknown, mutations: Mutation[]): unknown {
  let result = body;
  for (const { place, kind, value, key } of mutations) {
    const places = placesIn(result);
    const path = places[place % places.length]!;
    if (path.length === 0) {
      result = kind === 'replace' ? value : result;
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], result) as Record<string | number, unknown>;
    const last = path.at(-1)!;
    if (kind === 'replace') parent[last] = value;
    else if (kind === 'remove') delete parent[last];
    else if (typeof parent === 'object' && parent !== null && !Array.isArray(parent)) parent[key] = value;
  }
  return result;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  place: fc.nat(), kind: fc.constantFrom('replace' as const, 'remove' as const, 'add' as const), value: hostileValue, key: fc.string({ maxLength: 8 }),
});

function requestArbitrary(): fc.Arbitrary<InjectOptions> {
  return fc.integer({ min: 0, max: routes.length - 1 }).chain((index) => {
    const route = routes[index]!;
    const pathValue = fc.oneof(hostileText, fc.constantFrom('1', '2', '100', 'B01', 'S01', 'light', 'dark', '12', '3300'));
    const query = fc.dictionary(fc.oneof(fc.constantFrom(...(route.query.length > 0 ? route.query : ['x'])), fc.string({ maxLength: 6 })), hostileText, { maxKeys: 4 });
    const body = route.hasBody
      ? fc.oneof(
        { weight: 6, arbitrary: fc.array(mutation, { maxLength: 3 }).map((mutations) => JSON.stringify(mangle(sampleBodies[`${route.method} ${route.path}`]?.() ?? {}, mutations))) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      )
      : fc.constant(undefined);
    const contentType = fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded');
    return fc.tuple(fc.array(pathValue, { minLength: 3, maxLength: 3 }), query, body, contentType).map(([pathValues, parameters, payload, type]): InjectOptions => {
      let slot = 0;
      // The district served; every other path parameter is hostile.
      const path = route.path.replace('{district}', 'qingchuan').replaceAll(/\{[^}]+\}/g, () => encodeURIComponent(pathValues[slot++]!));
      const search = new URLSearchParams(parameters as Record<string, string>).toString();
      return {
        method: route.method as InjectOptions['method'], url: `${path}${search ? `?${search}` : ''}`,
        ...(payload === undefined ? {} : { payload, headers: { 'content-type': type } }),
      };
    });
  });
}

const changes = () => district.database.prepare('SELECT total_changes()').pluck().get() as number;
/** Everything but the record of refused attempts. */
const recordsBesidesRefusals = () => district.database.prepare(`SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM issue_events),
  (SELECT total(version) FROM issues), (SELECT count(*) FROM scoring_settings_changes), (SELECT total(due) + total(closed) FROM performance_daily)`).raw().get();

describe('hostile requests over every route', () => {
  it(`answer ${RUNS} generated requests without a 5xx, each refusal with its code, a refused write changing nothing`, async () => {
    expect(routes.length).toBeGreaterThan(25);
    let refusedWrites = 0;
    await fc.assert(fc.asyncProperty(requestArbitrary(), async (request) => {
      const [changesBefore, recordsBefore] = [changes(), recordsBesidesRefusals()];
      const response = await app.inject(request);
      expect(response.statusCode, `${request.method} ${request.url} ${String(request.payload ?? '').slice(0, 300)}\n${response.body.slice(0, 300)}`).toBeLessThan(500);
      // Every refusal says why by a code the client has texts for (a HEAD answer has no body).
      if (response.statusCode >= 400 && request.method !== 'HEAD') expect(isRefusalCode(response.json<{ code?: unknown }>().code), `${request.method} ${request.url}: ${response.body.slice(0, 300)}`).toBe(true);
      if (request.method === 'GET' || request.method === 'HEAD' || response.statusCode < 400) return;
      refusedWrites += 1;
      if (response.statusCode === 409) expect(recordsBesidesRefusals()).toEqual(recordsBefore);
      else expect(changes(), `${request.method} ${request.url} changed the database and answered ${response.statusCode}`).toBe(changesBefore);
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    expect(refusedWrites).toBeGreaterThan(RUNS / 20);
  }, 600_000);
});

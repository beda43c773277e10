import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_SCORING_SETTINGS } from '../../server/domain/scoring-settings.ts';
import { openDatabase } from '../../server/database/open.ts';
import type { IssueDetail, ScoringSettingsResponse } from '../../server/schemas/contract.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createSeededDatabase, TEST_NOW, type TestDatabase } from '../support/test-database.ts';

/** Hostile input changes nothing and breaks nothing: each case here was reproduced against an earlier version. */

let district: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  district = createSeededDatabase(600);
  app = await buildTestApp({ database: district.database });
});
afterAll(async () => {
  await app.close();
  district.remove();
});

const count = (table: string) => district.database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('numbers that are not finite', () => {
  it.each([
    ['/api/issues?limit=Infinity', 'querystring/limit'], ['/api/issues?limit=1e400', 'querystring/limit'],
    ['/api/issues?limit=-Infinity', 'querystring/limit'], ['/api/issues?department=Infinity', 'querystring/department'],
    ['/api/performance?unit=grid&days=Infinity', 'querystring/days'], ['/api/grids?days=1e400', 'querystring/days'],
    ['/api/issues/Infinity', 'params/id'], ['/api/inspection-points/1e400', 'params/id'],
  ])('are refused in a query or path with 400 naming where: %s', async (url, where) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toMatch(new RegExp(`^${where} must be`));
  });

  it('in a body, as text or as a number too large to be one, are refused and nothing is written, not even the refusal', async () => {
    const [refusals, events] = [count('issue_refusals'), count('issue_events')];
    for (const payload of ['{"action":"accept","version":"Infinity","actor":"x"}', '{"action":"accept","version":1e400,"actor":"x"}']) {
      const response = await app.inject({ method: 'POST', url: '/api/issues/1/actions', payload, headers: { 'content-type': 'application/json' } });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toMatch(/^body\/version must be/);
    }
    expect([count('issue_refusals'), count('issue_events')]).toEqual([refusals, events]);
    expect((await app.inject({ method: 'GET', url: '/api/issues/1' })).statusCode).toBe(200);
  });

  it('in the scoring settings are refused before anything is saved, and the grades stay as they were', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/grids' })).json();
    const settings = structuredClone(DEFAULT_SCORING_SETTINGS) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    settings.scales!.onTimeRate!.full = 'Infinity';
    const response = await app.inject({ method: 'PUT', url: '/api/settings/scoring', payload: { settings, changedBy: '攻击者' } });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toBe('body/settings/scales/onTimeRate/full must be a finite number');
    const current = (await app.inject({ method: 'GET', url: '/api/settings/scoring' })).json() as ScoringSettingsResponse;
    expect(current).toMatchObject({ settings: DEFAULT_SCORING_SETTINGS, history: [] });
    expect((await app.inject({ method: 'GET', url: '/api/grids' })).json()).toEqual(before);
  });
});

describe('values already stored by an earlier version that were not finite', () => {
  it('are repaired on upgrade: the problem a refusal broke reads again, and broken settings give way to the last good ones', async () => {
    const copy = createSeededDatabase(200);
    try {
      const issueId = copy.database.prepare('SELECT min(id) FROM issues').pluck().get() as number;
      const good = { ...DEFAULT_SCORING_SETTINGS, minimumSample: 5 };
      // As an earlier version stored them: a refusal with a version of Infinity, and a settings
      // change whose Infinity JSON wrote as null, after a good one.
      copy.database.prepare(`INSERT INTO issue_refusals (issue_id, attempted_at, actor, action, version, reason)
        VALUES (@issueId, @at, '攻击者', 'accept', @version, 'stale')`).run({ issueId, at: TEST_NOW, version: Infinity });
      const record = copy.database.prepare('INSERT INTO scoring_settings_changes (settings, changed_at, changed_by, note) VALUES (@settings, @at, @by, NULL)');
      record.run({ settings: JSON.stringify(good), at: TEST_NOW - 1000, by: '王主任' });
      record.run({ settings: JSON.stringify({ ...good, scales: { ...good.scales, onTimeRate: { zero: 40, full: Infinity } } }), at: TEST_NOW, by: '攻击者' });
      copy.database.pragma('user_version = 6');
      copy.database.close();

      const upgraded = await buildTestApp({ database: openDatabase(copy.path) });
      try {
        const issue = await upgraded.inject({ method: 'GET', url: `/api/issues/${issueId}` });
        expect(issue.statusCode, issue.body).toBe(200);
        expect((issue.json() as IssueDetail).refusals.at(-1)).toMatchObject({ actor: '攻击者', version: 0 });
        const settings = (await upgraded.inject({ method: 'GET', url: '/api/settings/scoring' })).json() as ScoringSettingsResponse;
        expect(settings.settings).toEqual(good);
        expect(settings.history.map((change) => change.changedBy)).toEqual(['CivGrid', '攻击者', '王主任']);
      } finally {
        await upgraded.close();
      }
    } finally {
      copy.remove();
    }
  });
});

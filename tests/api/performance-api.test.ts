import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from '../../server/domain/scoring-settings.ts';
import { chinaDay } from '../../server/domain/china-time.ts';
import type { GridCollection, PerformanceList, Rankings, ScoringSettingsResponse, Trend } from '../../server/schemas/contract.ts';
import { apiClient } from '../support/api-client.ts';
import { ADMINISTRATOR, buildTestApp, signIn } from '../support/test-app.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';

/** The performance API, on each database the server runs on. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    district = await createTestDistrict(dialect, 3000);
    app = await buildTestApp({ store: district.openStore() });
    api = apiClient(app);
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const WINDOW = 'from=2026-08-01&to=2026-10-31';

  /** Scoring settings are the administrator's to change. */
  const putSettings = async (settings: unknown, note?: string) =>
    app.inject({ method: 'PUT', url: '/api/districts/qingchuan/settings/scoring', headers: (await signIn(app, 'admin')).headers, payload: { settings, note } });

  describe('GET /api/districts/qingchuan/performance', () => {
    it.each([['grid', 65], ['leader', 27], ['department', 60], ['street', 8], ['district', 1]])('answers one row per %s', async (unit, count) => {
      const { rows, window } = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=${unit}&${WINDOW}`);
      expect(window).toEqual({ from: '2026-08-01', to: '2026-10-31' });
      expect(rows).toHaveLength(count);
      for (const row of rows) {
        expect(row.unit.kind).toBe(unit);
        for (const rate of [row.rectificationRate, row.onTimeRate, row.reworkRate, row.evaluationScoreRate]) {
          if (rate !== null) expect(rate).toBeGreaterThanOrEqual(0);
          if (rate !== null) expect(rate).toBeLessThanOrEqual(100);
        }
        expect(row.closed).toBeLessThanOrEqual(row.due);
        expect(row.rank === null).toBe(!row.sampleSufficient || row.composite === null);
      }
    });

    it('serves a grid\'s 整改率 and 按期整改率 that the problem list recomputes', async () => {
      const { rows } = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&${WINDOW}`);
      const busiest = [...rows].sort((a, b) => b.due - a.due)[0]!;
      let due = 0;
      let closed = 0;
      let onTime = 0;
      let extended = 0;
      for (const issue of await api.allIssues(`grid=${busiest.unit.key}`)) {
        if (issue.state === 'void' || issue.deadlineAt === null) continue;
        const deadline = Date.parse(issue.deadlineAt);
        const isClosed = issue.state === 'closed';
        const day = chinaDay(isClosed ? Math.min(deadline, Date.parse(issue.closedAt!)) : deadline);
        if (day < '2026-08-01' || day > '2026-10-31') continue;
        due += 1;
        if (isClosed) closed += 1;
        if (issue.extended) extended += 1;
        else if (isClosed && Date.parse(issue.rectifiedAt!) <= deadline) onTime += 1;
      }
      expect(due).toBeGreaterThan(20);
      expect(busiest.due).toBe(due);
      expect(busiest.closed).toBe(closed);
      expect(busiest.rectificationRate).toBe(Math.round((10_000 * closed) / due) / 100);
      expect(busiest.onTimeRate).toBe(Math.round((10_000 * onTime) / (due - extended)) / 100);
    });

    it('sums a leader\'s grids and the district\'s streets', async () => {
      const grids = (await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&${WINDOW}`)).rows;
      const leaders = (await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=leader&${WINDOW}`)).rows;
      const streets = (await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=street&${WINDOW}`)).rows;
      const [whole] = (await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=district&${WINDOW}`)).rows;
      const collection = await api.get<GridCollection>('/api/districts/qingchuan/grids');
      const leader = leaders[0]!;
      const leaderGrids = collection.features.filter((feature) => feature.properties.leader!.id === leader.unit.id).map((feature) => feature.id);
      const sum = (list: PerformanceList['rows'], key: 'due' | 'closed' | 'openIssues') => list.reduce((total, row) => total + row[key], 0);
      expect(leader.due).toBe(sum(grids.filter((row) => leaderGrids.includes(row.unit.key)), 'due'));
      expect(whole!.due).toBe(sum(grids, 'due'));
      expect(whole!.due).toBe(sum(streets, 'due'));
      expect(whole!.openIssues).toBe(sum(grids, 'openIssues'));
    });

    it('ranks with ties stated: equal composites share a rank', async () => {
      const { rows } = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&${WINDOW}`);
      const ranked = rows.filter((row) => row.rank !== null).sort((a, b) => a.rank! - b.rank!);
      expect(ranked.length).toBeGreaterThan(10);
      expect(ranked[0]!.rank).toBe(1);
      for (const row of ranked) {
        const sharing = ranked.filter((other) => other.composite === row.composite);
        expect(row.tiedWith).toBe(sharing.length - 1);
        expect(row.rank).toBe(1 + ranked.filter((other) => other.composite! > row.composite!).length);
      }
    });

    it.each([
      ['/api/districts/qingchuan/performance?unit=city', 400, /unit/],
      ['/api/districts/qingchuan/performance', 400, /unit/],
      ['/api/districts/qingchuan/performance?unit=grid&from=2026-13-01', 400, /^from: /],
      ['/api/districts/qingchuan/performance?unit=grid&from=2027-01-01', 400, /^from: .*after today/],
      ['/api/districts/qingchuan/performance?unit=grid&from=2026-10-08&to=2026-10-01', 400, /^to: /],
      ['/api/districts/qingchuan/performance/trend?unit=grid', 400, /^id: a grid is needed/],
      ['/api/districts/qingchuan/performance/trend?unit=grid&id=Z99', 400, /^id: no grid Z99/],
      ['/api/districts/qingchuan/performance/trend?unit=grid&id=B01&interval=year', 400, /interval/],
      ['/api/districts/qingchuan/rankings?unit=district', 400, /unit/],
      ['/api/districts/qingchuan/performance?unit=grid&days=30&from=2026-10-01', 400, /^from: cannot be combined with days/],
      ['/api/districts/qingchuan/performance?unit=grid&days=0', 400, /days/],
      ['/api/districts/qingchuan/performance?unit=grid&days=99999', 400, /days/],
      ['/api/districts/qingchuan/performance?unit=grid&period=last-year', 400, /period/],
      ['/api/districts/qingchuan/performance?unit=grid&offsetDays=1', 400, /^offsetDays: /],
      ['/api/districts/qingchuan/grids?period=last-week&to=2026-10-01', 400, /^to: cannot be combined with period/],
    ])('answers %s with %i naming the parameter', async (url, status, message) => {
      await api.expectError(url, status, message);
    });
  });

  describe('windows relative to the server\'s today', () => {
    it('resolve days, offsetDays and periods on the server\'s clock and say which days they took', async () => {
      const window = async (query: string) => (await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=district&${query}`)).window;
      // The test clock stands at Friday 2026-11-20 15:00 in China.
      expect(await window('days=30')).toEqual({ from: '2026-10-21', to: '2026-11-19' });
      expect(await window('days=30&offsetDays=1')).toEqual({ from: '2026-10-20', to: '2026-11-18' });
      expect(await window('period=last-week')).toEqual({ from: '2026-11-09', to: '2026-11-15' });
      expect(await window('period=last-month')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
      expect((await api.get<Rankings>('/api/districts/qingchuan/rankings?unit=grid&period=last-week')).window).toEqual({ from: '2026-11-09', to: '2026-11-15' });
      expect((await api.get<GridCollection>('/api/districts/qingchuan/grids?days=7')).window).toEqual({ from: '2026-11-13', to: '2026-11-19' });
      const trend = await api.get<Trend>('/api/districts/qingchuan/performance/trend?unit=district&interval=day&days=30');
      expect([trend.window, trend.points.length]).toEqual([{ from: '2026-10-21', to: '2026-11-19' }, 30]);
    });

    it('give the same figures as the explicit dates they resolve to', async () => {
      const relative = await api.get<PerformanceList>('/api/districts/qingchuan/performance?unit=grid&days=30&offsetDays=1');
      const explicit = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&from=${relative.window.from}&to=${relative.window.to}`);
      expect(relative.rows).toEqual(explicit.rows);
    });
  });

  describe('GET /api/districts/qingchuan/performance/trend', () => {
    it('cuts the window into months whose counts add up to the whole', async () => {
      const trend = await api.get<Trend>(`/api/districts/qingchuan/performance/trend?unit=grid&id=B03&interval=month&${WINDOW}`);
      expect(trend.points.map((point) => point.start)).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
      const { rows } = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&${WINDOW}`);
      const whole = rows.find((row) => row.unit.key === 'B03')!;
      expect(trend.points.reduce((sum, point) => sum + point.due, 0)).toBe(whole.due);
      expect(trend.points.reduce((sum, point) => sum + point.failedInspections, 0)).toBe(whole.failedInspections);
    });

    it('answers for the district and for a department by id', async () => {
      const districtTrend = await api.get<Trend>(`/api/districts/qingchuan/performance/trend?unit=district&interval=week&${WINDOW}`);
      expect(districtTrend.unit.key).toBe('district');
      expect(districtTrend.points.length).toBe(14);
      const departmentTrend = await api.get<Trend>(`/api/districts/qingchuan/performance/trend?unit=department&id=1&interval=day&from=2026-10-01&to=2026-10-07`);
      expect(departmentTrend.points).toHaveLength(7);
    });
  });

  describe('GET /api/districts/qingchuan/grids with performance', () => {
    it('gives every grid its composite, grade, rank and rates for the window it states', async () => {
      const collection = await api.get<GridCollection>(`/api/districts/qingchuan/grids?${WINDOW}`);
      const { rows } = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&${WINDOW}`);
      expect(collection.window).toEqual({ from: '2026-08-01', to: '2026-10-31' });
      for (const feature of collection.features) {
        const row = rows.find((candidate) => candidate.unit.key === feature.id)!;
        expect(feature.properties.performance).toEqual({
          composite: row.composite, grade: row.grade, rank: row.rank, tiedWith: row.tiedWith,
          rectificationRate: row.rectificationRate, onTimeRate: row.onTimeRate, evaluationScoreRate: row.evaluationScoreRate, sampleSize: row.sampleSize,
        });
      }
      const defaults = await api.get<GridCollection>('/api/districts/qingchuan/grids');
      expect(defaults.window).toEqual({ from: '2026-10-21', to: '2026-11-19' });
    });

    it('comes with the grade thresholds and colour bands of the settings in force', async () => {
      const collection = await api.get<GridCollection>('/api/districts/qingchuan/grids');
      const { settings } = await api.get<ScoringSettingsResponse>('/api/districts/qingchuan/settings/scoring');
      expect(collection.colouring).toEqual({ gradeThresholds: settings.gradeThresholds, colourBands: settings.colourBands });
    });
  });

  describe('scoring settings', () => {
    it('start at the documented defaults with no history', async () => {
      const response = await api.get<ScoringSettingsResponse>('/api/districts/qingchuan/settings/scoring');
      expect(response).toEqual({ settings: DEFAULT_SCORING_SETTINGS, change: null, history: [] });
    });

    it.each<[string, (settings: ScoringSettings) => unknown, RegExp]>([
      ['weights not summing to 100', (s) => ({ ...s, weights: { ...s.weights, onTimeRate: 30 } }), /^settings\.weights: must sum to 100, they sum to 95/],
      ['a negative weight', (s) => ({ ...s, weights: { ...s.weights, onTimeRate: -5, rectificationRate: 70 } }), /weights\/onTimeRate must be >= 0/],
      ['a negative minimum sample', (s) => ({ ...s, minimumSample: -1 }), /minimumSample must be >= 0/],
      ['grades out of order', (s) => ({ ...s, gradeThresholds: { A: 60, B: 75, C: 50, D: 40 } }), /gradeThresholds: must fall from A to D/],
      ['an unknown list mode', (s) => ({ ...s, lists: { ...s.lists, mode: 'lottery' } }), /lists\/mode/],
      ['red not above black', (s) => ({ ...s, lists: { ...s.lists, threshold: { metric: 'rectificationRate', red: 80, black: 85 } } }), /red \(80\) must be above black \(85\)/],
      ['a missing part', ({ weights: _weights, ...rest }) => rest, /weights/],
      ['rate bands that rise', (s) => ({ ...s, colourBands: { ...s.colourBands, onTimeRate: [60, 75, 90, 95] } }), /colourBands\.onTimeRate: bounds must fall/],
      ['count bands that fall', (s) => ({ ...s, colourBands: { ...s.colourBands, overdueIssues: [5, 3, 1, 0] } }), /colourBands\.overdueIssues: bounds must rise/],
      ['three bands', (s) => ({ ...s, colourBands: { ...s.colourBands, rectificationRate: [95, 90, 85] } }), /colourBands\/rectificationRate/],
    ])('refuse %s with 400 and store nothing', async (_, change, message) => {
      const response = await putSettings(change(structuredClone(DEFAULT_SCORING_SETTINGS)));
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toMatch(message);
      expect((await api.get<ScoringSettingsResponse>('/api/districts/qingchuan/settings/scoring')).history).toEqual([]);
    });

    it('refuse a change by anyone but the administrator, and record the administrator\'s in the audit log', async () => {
      const response = await app.inject({ method: 'PUT', url: '/api/districts/qingchuan/settings/scoring', payload: { settings: DEFAULT_SCORING_SETTINGS } });
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toMatch(/commander may not/);
      expect((await api.get<ScoringSettingsResponse>('/api/districts/qingchuan/settings/scoring')).history).toEqual([]);
    });

    it('record each change, apply it to the figures, and keep the ones before', async () => {
      const strict: ScoringSettings = { ...structuredClone(DEFAULT_SCORING_SETTINGS), minimumSample: 1_000_000 };
      const first = await putSettings(strict, '样本门槛试行');
      expect(first.statusCode, first.body).toBe(200);
      const { rows } = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&${WINDOW}`);
      expect(rows.every((row) => row.grade === null && row.rank === null && !row.sampleSufficient)).toBe(true);

      const threshold: ScoringSettings = { ...structuredClone(DEFAULT_SCORING_SETTINGS), lists: { ...DEFAULT_SCORING_SETTINGS.lists, mode: 'threshold' } };
      expect((await putSettings(threshold)).statusCode).toBe(200);
      const current = await api.get<ScoringSettingsResponse>('/api/districts/qingchuan/settings/scoring');
      expect(current.settings).toEqual(threshold);
      expect(current.change).toMatchObject({ changedBy: ADMINISTRATOR, note: null });
      expect(current.history.map((change) => [change.changedBy, change.note, change.settings.minimumSample])).toEqual([
        [ADMINISTRATOR, null, 10], [ADMINISTRATOR, '样本门槛试行', 1_000_000],
      ]);
      const audit = await app.inject({ method: 'GET', url: '/api/audit?action=settings.change', headers: (await signIn(app, 'auditor')).headers });
      expect(audit.json().entries.map((entry: { username: string; target: string }) => [entry.username, entry.target]))
        .toEqual(current.history.map((change) => ['admin', `settings:${change.id}`]));
    });
  });

  describe('GET /api/districts/qingchuan/rankings', () => {
    const restore = () => putSettings(structuredClone(DEFAULT_SCORING_SETTINGS));

    it('lists the top and bottom grids by rank, with their 黑榜 streaks', async () => {
      expect((await restore()).statusCode).toBe(200);
      const rankings = await api.get<Rankings>(`/api/districts/qingchuan/rankings?unit=grid&${WINDOW}`);
      const { rows } = await api.get<PerformanceList>(`/api/districts/qingchuan/performance?unit=grid&${WINDOW}`);
      expect(rankings.mode).toBe('rank');
      expect(rankings.red.length).toBeGreaterThanOrEqual(5);
      expect(rankings.red[0]!.rank).toBe(1);
      const worstRank = Math.max(...rows.map((row) => row.rank ?? 0));
      expect(rankings.black[0]!.rank).toBe(worstRank);
      for (const listed of rankings.black) {
        const streak = rankings.consecutiveBlack[listed.unit.key]!;
        expect(streak.periods).toBeGreaterThanOrEqual(1);
        expect(streak.escalation === null).toBe(streak.periods < DEFAULT_SCORING_SETTINGS.escalation.interview);
      }
    });

    it('lists by threshold when so configured', async () => {
      const settings: ScoringSettings = {
        ...structuredClone(DEFAULT_SCORING_SETTINGS),
        lists: { ...DEFAULT_SCORING_SETTINGS.lists, mode: 'threshold', threshold: { metric: 'onTimeRate', red: 75, black: 55 } },
      };
      expect((await putSettings(settings)).statusCode).toBe(200);
      const rankings = await api.get<Rankings>(`/api/districts/qingchuan/rankings?unit=department&${WINDOW}`);
      expect(rankings.mode).toBe('threshold');
      expect(rankings.red.every((listed) => listed.onTimeRate! >= 75)).toBe(true);
      expect(rankings.black.every((listed) => listed.onTimeRate! < 55)).toBe(true);
      expect(rankings.red.length + rankings.black.length).toBeGreaterThan(0);
      await restore();
    });
  });
});

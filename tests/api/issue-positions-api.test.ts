import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { allocateIssuePositions, decodeIssuePositions, OVERDUE_FLAG, setIssuePosition, stateOfCode } from '../../server/schemas/issue-positions-format.ts';
import { apiClient } from '../support/api-client.ts';
import { buildTestApp } from '../support/test-app.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';

/** The map's problem positions, on each database the server runs on. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    district = await createTestDistrict(dialect, 1500);
    app = await buildTestApp({ store: district.openStore() });
    api = apiClient(app);
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  async function positions(query: string) {
    const response = await app.inject({ method: 'GET', url: `/api/districts/qingchuan/issues/positions${query}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    const body = response.rawPayload;
    return { decoded: decodeIssuePositions(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer), header: Number(response.headers['x-issue-count']) };
  }

  describe('the compact problem positions', () => {
    it('round-trip through their binary form, 14 bytes a problem', () => {
      const { body: encoded, columns } = allocateIssuePositions(2);
      setIssuePosition(columns, 0, { id: 7, longitude: 117.0012345, latitude: 36.6054321, state: 'in_progress', overdue: true });
      setIssuePosition(columns, 1, { id: 9, longitude: 116.99, latitude: 36.61, state: 'reported', overdue: false });
      expect(encoded.byteLength).toBe(4 + 2 * 14);
      const decoded = decodeIssuePositions(encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength) as ArrayBuffer);
      expect([...decoded.ids]).toEqual([7, 9]);
      expect(decoded.positions[0]).toBeCloseTo(117.0012345, 5);
      expect(decoded.positions[3]).toBeCloseTo(36.61, 5);
      expect([...decoded.states].map(stateOfCode)).toEqual(['in_progress', 'reported']);
      expect([...decoded.flags]).toEqual([OVERDUE_FLAG, 0]);
      expect(() => decodeIssuePositions(encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength - 1) as ArrayBuffer)).toThrow(RangeError);
    });

    it('hold exactly the open problems the list gives, with their states and overdue flags', async () => {
      const { decoded, header } = await positions('?state=reported,assigned,in_progress,rectified');
      const listed = await api.allIssues('state=reported,assigned,in_progress,rectified');
      expect(decoded.count).toBe(listed.length);
      expect(header).toBe(listed.length);
      const byId = new Map(listed.map((issue) => [issue.id, issue]));
      decoded.ids.forEach((id, index) => {
        const issue = byId.get(id)!;
        expect(stateOfCode(decoded.states[index]!)).toBe(issue.state);
        expect((decoded.flags[index]! & OVERDUE_FLAG) === OVERDUE_FLAG).toBe(issue.overdue);
        expect(decoded.positions[index * 2]).toBeCloseTo(issue.longitude, 4);
      });
    });

    it('take the list\'s filters and refuse bad ones', async () => {
      const { decoded } = await positions('?grid=B03&overdue=true');
      const listed = await api.allIssues('grid=B03&overdue=true');
      expect([...decoded.ids].sort((a, b) => a - b)).toEqual(listed.map((issue) => issue.id).sort((a, b) => a - b));
      await api.expectError('/api/districts/qingchuan/issues/positions?state=open', 400, /^state: /);
      await api.expectError('/api/districts/qingchuan/issues/positions?bbox=1,2', 400, /^bbox: /);
    });
  });
});

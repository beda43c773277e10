import { describe, expect, it } from 'vitest';
import { syntheticIssuePositions } from '../../../client/synthetic-issue-positions.ts';
import { OPEN_STATES, ISSUE_STATES } from '../../../server/domain/issue-vocabulary.ts';
import { OVERDUE_FLAG } from '../../../server/schemas/issue-positions-format.ts';

describe('synthetic problem positions for the drawing benchmark', () => {
  const box = [116.95, 36.58, 117.05, 36.64] as const;
  const positions = syntheticIssuePositions(20_000, box);

  it('puts every problem inside the box, with its own id, in an open state', () => {
    expect(positions.count).toBe(20_000);
    for (let index = 0; index < positions.count; index += 1) {
      const longitude = positions.positions[index * 2]!;
      const latitude = positions.positions[index * 2 + 1]!;
      expect(longitude >= box[0] - 1e-5 && longitude <= box[2] + 1e-5 && latitude >= box[1] - 1e-5 && latitude <= box[3] + 1e-5).toBe(true);
      expect(OPEN_STATES).toContain(ISSUE_STATES[positions.states[index]!]);
    }
    expect(new Set(positions.ids).size).toBe(20_000);
  });

  it('marks about one in ten overdue, and is the same every run', () => {
    const overdue = positions.flags.filter((flag) => (flag & OVERDUE_FLAG) !== 0).length;
    expect(overdue / positions.count).toBeGreaterThan(0.08);
    expect(overdue / positions.count).toBeLessThan(0.12);
    expect(syntheticIssuePositions(20_000, box).positions).toEqual(positions.positions);
  });
});

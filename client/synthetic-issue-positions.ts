import seedrandom from 'seedrandom';
import { OPEN_STATES, ISSUE_STATES } from '../server/domain/issue-vocabulary.ts';
import { OVERDUE_FLAG, type IssuePositions } from '../server/schemas/issue-positions-format.ts';

/**
 * Made-up problem positions for the point-drawing benchmark page: `count` problems spread over
 * a box, open in every state, one in ten overdue. Seeded, so every run draws the same picture.
 */
export function syntheticIssuePositions(count: number, [west, south, east, north]: readonly [number, number, number, number], seed = 'civgrid'): IssuePositions {
  const random = seedrandom(seed);
  const positions = new Float32Array(count * 2);
  const ids = new Uint32Array(count);
  const states = new Uint8Array(count);
  const flags = new Uint8Array(count);
  const openStateCodes = OPEN_STATES.map((state) => ISSUE_STATES.indexOf(state));
  for (let index = 0; index < count; index += 1) {
    positions[index * 2] = west + random() * (east - west);
    positions[index * 2 + 1] = south + random() * (north - south);
    ids[index] = index + 1;
    states[index] = openStateCodes[Math.floor(random() * openStateCodes.length)]!;
    flags[index] = random() < 0.1 ? OVERDUE_FLAG : 0;
  }
  return { count, positions, ids, states, flags };
}

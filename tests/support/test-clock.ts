import { TEST_NOW } from './test-database.ts';

/** The server's clock in a test: it stands still at the test's present unless the test moves it. */
export interface TestClock {
  now: () => number;
  set: (instant: number) => void;
}

export function createTestClock(start = TEST_NOW): TestClock {
  let instant = start;
  return { now: () => instant, set: (next) => { instant = next; } };
}

import type { DerivedDataRebuilders } from './migrate.ts';
import { createPerformanceRollups } from '../sqlite/performance-rollups.ts';

/** How the current code recomputes the data migrations leave to it (see DerivedData). */
export const DERIVED_DATA_REBUILDERS: DerivedDataRebuilders = {
  'performance counters': (database) => createPerformanceRollups(database).rebuild(),
};

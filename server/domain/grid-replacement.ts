import { sameGeometry, type DiffGrid } from './grid-diff.ts';

/**
 * How a new set of grids replaces a district's, as the rows to write: which grids retire, which
 * change (and whether their boundary does, making a new version), which are new. The same plan
 * is carried out by each database's writer.
 */
export interface StoredGrid extends DiffGrid {
  id: number;
  retired: boolean;
  boundaryVersion: number;
}

export interface GridReplacement {
  retire: number[];
  update: Array<{ id: number; grid: DiffGrid; boundaryVersion: number | null }>;
  insert: DiffGrid[];
  /** Grids in force whose name changes: they are parked under a unique name first, so that two swapping names never collide. */
  renamed: number[];
}

export function planGridReplacement(stored: readonly StoredGrid[], incoming: readonly DiffGrid[]): GridReplacement {
  const byCode = new Map(stored.map((grid) => [grid.code, grid]));
  const incomingCodes = new Set(incoming.map((grid) => grid.code));
  const plan: GridReplacement = {
    retire: stored.filter((grid) => !grid.retired && !incomingCodes.has(grid.code)).map((grid) => grid.id),
    update: [], insert: [], renamed: [],
  };
  for (const grid of incoming) {
    const before = byCode.get(grid.code);
    if (!before) {
      plan.insert.push(grid);
      continue;
    }
    const redrawn = !sameGeometry(before.geometry, grid.geometry);
    const same = !redrawn && !before.retired && before.name === grid.name && before.kind === grid.kind && (before.street ?? null) === (grid.street ?? null);
    if (same) continue;
    if (before.name !== grid.name && !before.retired) plan.renamed.push(before.id);
    plan.update.push({ id: before.id, grid, boundaryVersion: redrawn ? before.boundaryVersion + 1 : null });
  }
  return plan;
}

import type { PostgresMigration } from '../migrate.ts';

/** SQLite's migration 13: an import may be of a base-map layer. */
export const basemapImports: PostgresMigration = {
  version: 13,
  name: 'base-map imports',
  sql: `
    ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
    ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('grids', 'organization', 'points', 'problems', 'basemap'));
  `,
};

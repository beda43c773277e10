import type { Migration } from '../migrate.ts';

/**
 * A site's own base-map layers come in by import too, dry-run and applied as the others are: the
 * imports table, whose kinds are checked, is rebuilt to take them (SQLite cannot change a CHECK
 * in place). Its rows, index and never-deleted trigger are kept as they were.
 */
export const basemapImports: Migration = {
  version: 13,
  name: 'base-map imports',
  rebuildsReferencedTable: true,
  up(database) {
    database.exec(`
      CREATE TABLE imports_rebuilt (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('grids', 'organization', 'points', 'problems', 'basemap')),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        options TEXT NOT NULL CHECK (json_valid(options)),
        report TEXT NOT NULL CHECK (json_valid(report)),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        applied_at INTEGER,
        applied_by TEXT,
        accepted_warnings TEXT CHECK (accepted_warnings IS NULL OR json_valid(accepted_warnings))
      );
      INSERT INTO imports_rebuilt SELECT id, kind, file_name, file_sha256, options, report, payload, created_at, created_by, applied_at, applied_by, accepted_warnings FROM imports;
      DROP TABLE imports;
      ALTER TABLE imports_rebuilt RENAME TO imports;
      CREATE INDEX imports_by_time ON imports (created_at);
      CREATE TRIGGER imports_are_never_deleted BEFORE DELETE ON imports
      BEGIN SELECT RAISE(ABORT, 'imports are never deleted'); END;
    `);
  },
};

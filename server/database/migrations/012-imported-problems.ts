import type { Migration } from '../migrate.ts';

/**
 * Problems come in from other systems (12345, 数字城管): each keeps the system it came from and
 * its id there, unique together, so that importing the same export twice adds nothing. A dry
 * run stages the file's checked rows (import_rows) for applying them later without reading the
 * file again, and the column mapping that worked is kept per source system for its next export.
 */
export const importedProblems: Migration = {
  version: 12,
  name: 'imported problems',
  up(database) {
    database.exec(`
      ALTER TABLE issues ADD COLUMN source_system TEXT;
      ALTER TABLE issues ADD COLUMN source_reference TEXT;
      CREATE UNIQUE INDEX issues_by_source_reference ON issues (source_system, source_reference) WHERE source_reference IS NOT NULL;

      CREATE TABLE import_rows (
        -- The dry run's id: its rows are staged a batch at a time while the file is read, before
        -- the import's record (with the report) exists, so there is no reference to enforce.
        import_id TEXT NOT NULL,
        row_number INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (import_id, row_number)
      ) WITHOUT ROWID;
      CREATE TRIGGER import_rows_are_never_changed BEFORE UPDATE ON import_rows
      BEGIN SELECT RAISE(ABORT, 'staged import rows are never changed'); END;
      CREATE TRIGGER import_rows_are_never_deleted BEFORE DELETE ON import_rows
      BEGIN SELECT RAISE(ABORT, 'staged import rows are never deleted'); END;

      CREATE TABLE column_mappings (
        source_system TEXT PRIMARY KEY,
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        saved_at INTEGER NOT NULL,
        saved_by TEXT NOT NULL
      );
    `);
  },
};

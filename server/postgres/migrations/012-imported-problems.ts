import type { PostgresMigration } from '../migrate.ts';

/** SQLite's migration 12: problems keep the system they were imported from and their id there; staged rows; saved column mappings. */
export const importedProblems: PostgresMigration = {
  version: 12,
  name: 'imported problems',
  sql: `
    ALTER TABLE issues ADD COLUMN source_system text, ADD COLUMN source_reference text;
    CREATE UNIQUE INDEX issues_by_source_reference ON issues (source_system, source_reference) WHERE source_reference IS NOT NULL;

    CREATE TABLE import_rows (
      import_id text NOT NULL, -- staged before the import's record is written: see SQLite's migration
      row_number integer NOT NULL,
      data jsonb NOT NULL,
      PRIMARY KEY (import_id, row_number)
    );
    CREATE FUNCTION import_rows_are_never_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'staged import rows are never changed or deleted'; END $$;
    CREATE TRIGGER import_rows_are_never_changed BEFORE UPDATE OR DELETE ON import_rows
      FOR EACH ROW EXECUTE FUNCTION import_rows_are_never_changed();

    CREATE TABLE column_mappings (
      source_system text PRIMARY KEY,
      mapping jsonb NOT NULL,
      saved_at bigint NOT NULL,
      saved_by text NOT NULL
    );
  `,
};

import type { PostgresMigration } from '../migrate.ts';

/** SQLite's migration 11: versioned grids (retired, never deleted; every boundary kept) and imports. */
export const gridVersionsAndImports: PostgresMigration = {
  version: 11,
  name: 'versioned grids and imports',
  sql: `
    ALTER TABLE grids ALTER COLUMN street_id DROP NOT NULL, ALTER COLUMN leader_id DROP NOT NULL,
      DROP CONSTRAINT grids_name_key,
      ADD COLUMN boundary_version integer NOT NULL DEFAULT 1 CHECK (boundary_version >= 1),
      ADD COLUMN retired_at bigint;
    CREATE UNIQUE INDEX grids_in_force_by_name ON grids (name) WHERE retired_at IS NULL;

    CREATE TABLE imports (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('grids', 'organization', 'points', 'problems')),
      file_name text NOT NULL,
      file_sha256 text NOT NULL,
      options jsonb NOT NULL,
      report jsonb NOT NULL,
      payload jsonb NOT NULL,
      created_at bigint NOT NULL,
      created_by text NOT NULL,
      applied_at bigint,
      applied_by text,
      accepted_warnings jsonb
    );
    CREATE INDEX imports_by_time ON imports (created_at);
    CREATE FUNCTION imports_are_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'imports are never deleted'; END $$;
    CREATE TRIGGER imports_are_never_deleted BEFORE DELETE ON imports FOR EACH ROW EXECUTE FUNCTION imports_are_never_deleted();

    CREATE TABLE grid_boundaries (
      grid_id integer NOT NULL REFERENCES grids (id),
      version integer NOT NULL CHECK (version >= 1),
      geometry jsonb NOT NULL,
      area_square_metres double precision NOT NULL,
      valid_from bigint NOT NULL,
      import_id text REFERENCES imports (id),
      PRIMARY KEY (grid_id, version)
    );
    INSERT INTO grid_boundaries (grid_id, version, geometry, area_square_metres, valid_from)
      SELECT id, 1, geometry, area_square_metres, 0 FROM grids;
    CREATE FUNCTION grid_boundaries_are_never_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'grid boundaries are never changed or deleted; a new version is added'; END $$;
    CREATE TRIGGER grid_boundaries_are_never_changed BEFORE UPDATE OR DELETE ON grid_boundaries
      FOR EACH ROW EXECUTE FUNCTION grid_boundaries_are_never_changed();
    CREATE FUNCTION grids_are_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'grids are never deleted; they are retired'; END $$;
    CREATE TRIGGER grids_are_never_deleted BEFORE DELETE ON grids FOR EACH ROW EXECUTE FUNCTION grids_are_never_deleted();

    ALTER TABLE district ADD COLUMN grids_version integer NOT NULL DEFAULT 1;
  `,
};

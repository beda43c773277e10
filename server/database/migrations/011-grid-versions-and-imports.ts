import type { Migration } from '../migrate.ts';

/**
 * A district's own data comes in by import. Grids become versioned: a grid absent from a newer
 * file is retired (kept, with the day it left), a redrawn one keeps its id (its problems and past
 * figures stay its) and every boundary it has had is kept in grid_boundaries. A grid imported
 * before its organization has no leader or street yet, so both may be empty; a name is unique
 * among the grids in force only. Each import's dry run, report and application are kept.
 */
export const gridVersionsAndImports: Migration = {
  version: 11,
  name: 'versioned grids and imports',
  rebuildsReferencedTable: true,
  up(database) {
    database.exec(`
      CREATE TABLE grids_rebuilt (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('block', 'strip')),
        street_id INTEGER REFERENCES streets (id),
        leader_id INTEGER REFERENCES leaders (id),
        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
        area_square_metres REAL NOT NULL CHECK (area_square_metres > 0),
        boundary_version INTEGER NOT NULL DEFAULT 1 CHECK (boundary_version >= 1),
        retired_at INTEGER
      );
      INSERT INTO grids_rebuilt (id, code, name, kind, street_id, leader_id, geometry, area_square_metres)
        SELECT id, code, name, kind, street_id, leader_id, geometry, area_square_metres FROM grids;
      DROP TABLE grids;
      ALTER TABLE grids_rebuilt RENAME TO grids;
      CREATE INDEX grids_by_leader ON grids (leader_id);
      CREATE UNIQUE INDEX grids_in_force_by_name ON grids (name) WHERE retired_at IS NULL;

      CREATE TABLE imports (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('grids', 'organization', 'points', 'problems')),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        options TEXT NOT NULL CHECK (json_valid(options)),
        report TEXT NOT NULL CHECK (json_valid(report)),
        -- What applying writes, as prepared by the dry run.
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        applied_at INTEGER,
        applied_by TEXT,
        accepted_warnings TEXT CHECK (accepted_warnings IS NULL OR json_valid(accepted_warnings))
      );
      CREATE INDEX imports_by_time ON imports (created_at);
      CREATE TRIGGER imports_are_never_deleted BEFORE DELETE ON imports
      BEGIN SELECT RAISE(ABORT, 'imports are never deleted'); END;

      CREATE TABLE grid_boundaries (
        grid_id INTEGER NOT NULL REFERENCES grids (id),
        version INTEGER NOT NULL CHECK (version >= 1),
        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
        area_square_metres REAL NOT NULL,
        valid_from INTEGER NOT NULL,
        import_id TEXT REFERENCES imports (id),
        PRIMARY KEY (grid_id, version)
      ) WITHOUT ROWID;
      INSERT INTO grid_boundaries (grid_id, version, geometry, area_square_metres, valid_from)
        SELECT id, 1, geometry, area_square_metres, 0 FROM grids;
      CREATE TRIGGER grid_boundaries_are_never_changed BEFORE UPDATE ON grid_boundaries
      BEGIN SELECT RAISE(ABORT, 'grid boundaries are never changed; a new version is added'); END;
      CREATE TRIGGER grid_boundaries_are_never_deleted BEFORE DELETE ON grid_boundaries
      BEGIN SELECT RAISE(ABORT, 'grid boundaries are never deleted'); END;
      CREATE TRIGGER grids_are_never_deleted BEFORE DELETE ON grids
      BEGIN SELECT RAISE(ABORT, 'grids are never deleted; they are retired'); END;

      -- Bumped by every change of the grid set, so that caches of grid shapes know to refresh.
      ALTER TABLE district ADD COLUMN grids_version INTEGER NOT NULL DEFAULT 1;
    `);
  },
};

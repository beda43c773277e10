import type { Migration } from '../migrate.ts';

/**
 * The district the database holds, named: a city runs several, and every API path names the one
 * it asks about. A database from before holds the demo district, the only one there could be.
 */
export const district: Migration = {
  version: 9,
  name: 'the district the database holds',
  up(database) {
    database.exec(`
      CREATE TABLE district (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 31 AND code NOT GLOB '*[^a-z0-9_]*' AND substr(code, 1, 1) != '_'),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0)
      );
      INSERT INTO district (id, code, name) SELECT 1, 'qingchuan', '青川区' WHERE EXISTS (SELECT 1 FROM grids);
      CREATE TRIGGER district_is_never_deleted BEFORE DELETE ON district
      BEGIN SELECT RAISE(ABORT, 'a district is never deleted'); END;
    `);
  },
};

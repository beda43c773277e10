import type { PostgresMigration } from '../migrate.ts';

/** SQLite's migration 9: the district the schema holds, named. */
export const district: PostgresMigration = {
  version: 9,
  name: 'the district the database holds',
  sql: `
    CREATE TABLE district (
      id integer PRIMARY KEY CHECK (id = 1),
      code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,30}$'),
      name text NOT NULL CHECK (length(trim(name)) > 0)
    );
    INSERT INTO district (id, code, name) SELECT 1, 'qingchuan', '青川区' WHERE EXISTS (SELECT 1 FROM grids);
    CREATE FUNCTION district_is_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'a district is never deleted'; END $$;
    CREATE TRIGGER district_is_never_deleted BEFORE DELETE ON district FOR EACH ROW EXECUTE FUNCTION district_is_never_deleted();
  `,
};

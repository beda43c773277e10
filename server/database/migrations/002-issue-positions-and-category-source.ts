import type { Migration } from '../migrate.ts';

/**
 * Two indexes the read API needed at a million problems:
 * - an R*Tree of problem positions for `bbox`, which counts a map view's problems several times
 *   faster than the (longitude, latitude) B-tree it replaces. Coordinates are stored as integer
 *   ten-millionths of a degree (about 1 cm), exactly the 7 decimals positions are kept at, so
 *   the filter stays exact; triggers keep it in step with the issues table.
 * - (category, source), so a category and a source filter together are counted from the index.
 * - (state, longitude, latitude), so the dispatcher's everyday query, some states within the map
 *   view, is answered from the index without reading each matching row.
 */
/** Fills the R*Tree from every issue already there. */
const FILL_ISSUE_POSITIONS_SQL = `INSERT INTO issue_positions
  SELECT id, round(longitude * 1e7), round(longitude * 1e7), round(latitude * 1e7), round(latitude * 1e7) FROM issues`;

export const issuePositionsAndCategorySource: Migration = {
  version: 2,
  name: 'issue positions R*Tree, category-source and state-position indexes',
  up(database) {
    database.exec(`
      CREATE VIRTUAL TABLE issue_positions USING rtree_i32 (
        issue_id, min_longitude_e7, max_longitude_e7, min_latitude_e7, max_latitude_e7
      );
      ${FILL_ISSUE_POSITIONS_SQL};
      CREATE TRIGGER issue_positions_follow_insert AFTER INSERT ON issues
      BEGIN
        INSERT INTO issue_positions VALUES (new.id, round(new.longitude * 1e7), round(new.longitude * 1e7),
          round(new.latitude * 1e7), round(new.latitude * 1e7));
      END;
      CREATE TRIGGER issue_positions_follow_move AFTER UPDATE OF longitude, latitude ON issues
      BEGIN
        UPDATE issue_positions SET min_longitude_e7 = round(new.longitude * 1e7), max_longitude_e7 = round(new.longitude * 1e7),
          min_latitude_e7 = round(new.latitude * 1e7), max_latitude_e7 = round(new.latitude * 1e7)
        WHERE issue_id = new.id;
      END;
      DROP INDEX issues_by_position;
      CREATE INDEX issues_by_category_source ON issues (category_id, source);
      CREATE INDEX issues_by_state_position ON issues (state, longitude, latitude);
    `);
  },
};

import type { Migration } from '../migrate.ts';

/**
 * A refused bulk action is kept as one record listing its refused items (each with the version
 * it was tried on and why it was refused), rather than a row per item: a bulk of 2,000 stale
 * items wrote 2,000 rows. A lookup by problem lets each problem's history still show the bulk
 * attempts that concerned it. `digest` identifies a repeated identical attempt, which is not
 * recorded again for a while.
 */
export const bulkRefusals: Migration = {
  version: 8,
  name: 'refused bulk actions as one record each',
  up(database) {
    database.exec(`
      CREATE TABLE bulk_refusals (
        id INTEGER PRIMARY KEY,
        attempted_at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        bulk_size INTEGER NOT NULL CHECK (bulk_size > 0),
        -- {"<issue id>": {"version": n, "reason": "..."}} for each refused item.
        items TEXT NOT NULL CHECK (json_valid(items)),
        digest TEXT NOT NULL
      );
      CREATE INDEX bulk_refusals_by_digest ON bulk_refusals (digest, attempted_at);
      CREATE TABLE bulk_refusal_issues (
        issue_id INTEGER NOT NULL REFERENCES issues (id),
        refusal_id INTEGER NOT NULL REFERENCES bulk_refusals (id),
        PRIMARY KEY (issue_id, refusal_id)
      ) WITHOUT ROWID;
      CREATE TRIGGER bulk_refusals_are_never_changed BEFORE UPDATE ON bulk_refusals
      BEGIN SELECT RAISE(ABORT, 'refused attempts are never changed'); END;
      CREATE TRIGGER bulk_refusals_are_never_deleted BEFORE DELETE ON bulk_refusals
      BEGIN SELECT RAISE(ABORT, 'refused attempts are never deleted'); END;
      CREATE TRIGGER bulk_refusal_issues_are_never_changed BEFORE UPDATE ON bulk_refusal_issues
      BEGIN SELECT RAISE(ABORT, 'refused attempts are never changed'); END;
      CREATE TRIGGER bulk_refusal_issues_are_never_deleted BEFORE DELETE ON bulk_refusal_issues
      BEGIN SELECT RAISE(ABORT, 'refused attempts are never deleted'); END;
    `);
  },
};

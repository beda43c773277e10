import type { Migration } from '../migrate.ts';

/**
 * Bulletins as the office issues them: each with its series, year and number (a draft has
 * none), who made it and when, the bulletin it corrects, the content and figures it was written
 * from, and its files byte for byte. An issued bulletin is never changed or deleted; a correction
 * is a new one that names it.
 */
export const bulletins: Migration = {
  version: 15,
  name: 'bulletins',
  up(database) {
    database.exec(`
      CREATE TABLE bulletins (
        id INTEGER PRIMARY KEY,
        series TEXT NOT NULL CHECK (series IN ('daily', 'weekly', 'monthly', 'special')),
        year INTEGER NOT NULL,
        number INTEGER CHECK (number > 0),
        title TEXT NOT NULL,
        first_day TEXT NOT NULL,
        last_day TEXT NOT NULL,
        made_at INTEGER NOT NULL,
        made_by TEXT NOT NULL,
        corrects_id INTEGER REFERENCES bulletins (id),
        content TEXT NOT NULL CHECK (json_valid(content)),
        UNIQUE (series, year, number)
      );
      CREATE INDEX bulletins_by_series ON bulletins (series, made_at);
      CREATE TRIGGER bulletins_are_never_changed BEFORE UPDATE ON bulletins
      BEGIN SELECT RAISE(ABORT, 'bulletins are never changed'); END;
      CREATE TRIGGER bulletins_are_never_deleted BEFORE DELETE ON bulletins
      BEGIN SELECT RAISE(ABORT, 'bulletins are never deleted'); END;

      CREATE TABLE bulletin_files (
        bulletin_id INTEGER NOT NULL REFERENCES bulletins (id),
        format TEXT NOT NULL CHECK (format IN ('docx', 'pdf', 'xlsx')),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes BLOB NOT NULL,
        PRIMARY KEY (bulletin_id, format)
      ) WITHOUT ROWID;
      CREATE TRIGGER bulletin_files_are_never_changed BEFORE UPDATE ON bulletin_files
      BEGIN SELECT RAISE(ABORT, 'bulletin files are never changed'); END;
      CREATE TRIGGER bulletin_files_are_never_deleted BEFORE DELETE ON bulletin_files
      BEGIN SELECT RAISE(ABORT, 'bulletin files are never deleted'); END;
    `);
  },
};

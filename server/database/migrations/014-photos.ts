import type { Migration } from '../migrate.ts';

/**
 * Photos as evidence: each stored once by the SHA-256 of its bytes (the files live in the photo
 * directory under that name), who uploaded it and when, and the problems' photos — which step of
 * its history each came with, at which stage, and why it is doubtful if it is. Requests that
 * carry an Idempotency-Key are remembered, so that a retry after a lost answer never acts twice.
 * Nothing here is changed or deleted.
 */
export const photos: Migration = {
  version: 14,
  name: 'photos',
  up(database) {
    database.exec(`
      CREATE TABLE photos (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
        byte_size INTEGER NOT NULL CHECK (byte_size > 0),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        taken_at INTEGER,
        longitude REAL CHECK (longitude BETWEEN -180 AND 180),
        latitude REAL CHECK (latitude BETWEEN -90 AND 90),
        stored_at INTEGER NOT NULL
      );
      CREATE TRIGGER photos_are_never_changed BEFORE UPDATE ON photos
      BEGIN SELECT RAISE(ABORT, 'photos are never changed'); END;
      CREATE TRIGGER photos_are_never_deleted BEFORE DELETE ON photos
      BEGIN SELECT RAISE(ABORT, 'photos are never deleted'); END;

      CREATE TABLE photo_uploads (
        photo_id INTEGER NOT NULL REFERENCES photos (id),
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        uploaded_at INTEGER NOT NULL,
        PRIMARY KEY (photo_id, account_id)
      ) WITHOUT ROWID;
      CREATE TRIGGER photo_uploads_are_never_deleted BEFORE DELETE ON photo_uploads
      BEGIN SELECT RAISE(ABORT, 'photo uploads are never deleted'); END;

      CREATE TABLE issue_photos (
        issue_id INTEGER NOT NULL REFERENCES issues (id),
        event_id INTEGER NOT NULL REFERENCES issue_events (id),
        photo_id INTEGER NOT NULL REFERENCES photos (id),
        stage TEXT NOT NULL CHECK (stage IN ('report', 'rectification', 'reinspection')),
        flags TEXT NOT NULL CHECK (json_valid(flags)),
        ordinal INTEGER NOT NULL,
        PRIMARY KEY (event_id, photo_id)
      ) WITHOUT ROWID;
      CREATE INDEX issue_photos_by_issue ON issue_photos (issue_id, event_id, ordinal);
      CREATE INDEX issue_photos_by_photo ON issue_photos (photo_id);
      CREATE TRIGGER issue_photos_are_never_changed BEFORE UPDATE ON issue_photos
      BEGIN SELECT RAISE(ABORT, 'a problem''s photos are never changed'); END;
      CREATE TRIGGER issue_photos_are_never_deleted BEFORE DELETE ON issue_photos
      BEGIN SELECT RAISE(ABORT, 'a problem''s photos are never deleted'); END;

      CREATE TABLE idempotent_requests (
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        idempotency_key TEXT NOT NULL,
        request_digest TEXT NOT NULL,
        issue_id INTEGER NOT NULL REFERENCES issues (id),
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, idempotency_key)
      ) WITHOUT ROWID;
    `);
  },
};

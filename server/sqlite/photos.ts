import type { Database } from 'better-sqlite3';
import type { IdempotentRequestRepository, PhotoRepository } from '../store/repositories.ts';
import { toStoredPhoto, type PhotoRow } from '../store/photo-rows.ts';
import type { Synchronous } from './synchronous.ts';

export const PHOTO_COLUMNS = `p.id, p.sha256, p.media_type AS mediaType, p.byte_size AS byteSize, p.width, p.height, p.taken_at AS takenAt,
  p.longitude, p.latitude`;

export function createPhotoRepository(database: Database): Synchronous<PhotoRepository> {
  const statements = {
    bySha256: database.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos p WHERE p.sha256 = @sha256`),
    byId: database.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos p WHERE p.id = @id`),
    insert: database.prepare(`INSERT INTO photos (sha256, media_type, byte_size, width, height, taken_at, longitude, latitude, stored_at)
      VALUES (@sha256, @mediaType, @byteSize, @width, @height, @takenAt, @longitude, @latitude, @at)`),
    upload: database.prepare('INSERT INTO photo_uploads (photo_id, account_id, uploaded_at) VALUES (@photoId, @accountId, @at) ON CONFLICT DO NOTHING'),
    uploadedAt: database.prepare('SELECT uploaded_at FROM photo_uploads WHERE photo_id = @photoId AND account_id = @accountId').pluck(),
    uploadsBy: database.prepare(`SELECT ${PHOTO_COLUMNS}, u.uploaded_at AS uploadedAt FROM photo_uploads u JOIN photos p ON p.id = u.photo_id
      WHERE u.account_id = @accountId AND u.photo_id IN (SELECT value FROM json_each(@ids))`),
    attach: database.prepare(`INSERT INTO issue_photos (issue_id, event_id, photo_id, stage, flags, ordinal)
      VALUES (@issueId, @eventId, @photoId, @stage, @flags, @ordinal)`),
    issuesOf: database.prepare('SELECT DISTINCT issue_id FROM issue_photos WHERE photo_id = @photoId ORDER BY issue_id').pluck(),
  };
  return {
    record(photo, accountId, at) {
      const existing = statements.bySha256.get(photo) as PhotoRow | undefined;
      const photoId = existing?.id ?? Number(statements.insert.run({
        ...photo, longitude: photo.position?.longitude ?? null, latitude: photo.position?.latitude ?? null, at,
      }).lastInsertRowid);
      statements.upload.run({ photoId, accountId, at });
      return {
        photo: toStoredPhoto(existing ?? statements.byId.get({ id: photoId }) as PhotoRow),
        uploadedAt: statements.uploadedAt.get({ photoId, accountId }) as number,
      };
    },
    byId(id) {
      const row = statements.byId.get({ id }) as PhotoRow | undefined;
      return row && toStoredPhoto(row);
    },
    uploadsBy(accountId, photoIds) {
      return (statements.uploadsBy.all({ accountId, ids: JSON.stringify(photoIds) }) as Array<PhotoRow & { uploadedAt: number }>)
        .map((row) => ({ photo: toStoredPhoto(row), uploadedAt: row.uploadedAt }));
    },
    attach(issueId, eventId, photos) {
      photos.forEach(({ photoId, stage, flags }, ordinal) => statements.attach.run({ issueId, eventId, photoId, stage, flags: JSON.stringify(flags), ordinal }));
    },
    issuesOf(photoId) {
      return statements.issuesOf.all({ photoId }) as number[];
    },
    uploadedBy(photoId, accountId) {
      return statements.uploadedAt.get({ photoId, accountId }) !== undefined;
    },
  };
}

export function createIdempotentRequestRepository(database: Database): Synchronous<IdempotentRequestRepository> {
  const statements = {
    find: database.prepare(`SELECT request_digest AS requestDigest, issue_id AS issueId FROM idempotent_requests
      WHERE account_id = @accountId AND idempotency_key = @key`),
    remember: database.prepare(`INSERT INTO idempotent_requests (account_id, idempotency_key, request_digest, issue_id, recorded_at)
      VALUES (@accountId, @key, @requestDigest, @issueId, @at)`),
  };
  return {
    find: (accountId, key) => statements.find.get({ accountId, key }) as { requestDigest: string; issueId: number } | undefined,
    remember: (accountId, key, requestDigest, issueId, at) => {
      statements.remember.run({ accountId, key, requestDigest, issueId, at });
    },
  };
}

import type { IdempotentRequestRepository, PhotoRepository } from '../store/repositories.ts';
import { toStoredPhoto, type PhotoRow } from '../store/photo-rows.ts';
import type { Queryable } from './connect.ts';

export const photoColumns = (sql: Queryable) => sql`p.id::int, p.sha256, p.media_type AS "mediaType", p.byte_size::float8 AS "byteSize", p.width, p.height,
  p.taken_at::float8 AS "takenAt", p.longitude, p.latitude`;

/** As the SQLite repository. */
export function createPhotoRepository(sql: Queryable): PhotoRepository {
  const columns = photoColumns(sql);
  const byId = async (id: number) => {
    const [row] = await sql<PhotoRow[]>`SELECT ${columns} FROM photos p WHERE p.id = ${id}`;
    return row && toStoredPhoto(row);
  };
  return {
    async record(photo, accountId, at) {
      // The same bytes sent at once by two phones: the second insert finds the first's row.
      await sql`INSERT INTO photos (sha256, media_type, byte_size, width, height, taken_at, longitude, latitude, stored_at)
        VALUES (${photo.sha256}, ${photo.mediaType}, ${photo.byteSize}, ${photo.width}, ${photo.height}, ${photo.takenAt},
          ${photo.position?.longitude ?? null}, ${photo.position?.latitude ?? null}, ${at})
        ON CONFLICT (sha256) DO NOTHING`;
      const [row] = await sql<PhotoRow[]>`SELECT ${columns} FROM photos p WHERE p.sha256 = ${photo.sha256}`;
      await sql`INSERT INTO photo_uploads (photo_id, account_id, uploaded_at) VALUES (${row!.id}, ${accountId}, ${at}) ON CONFLICT DO NOTHING`;
      const [upload] = await sql<[{ uploadedAt: number }]>`SELECT uploaded_at::float8 AS "uploadedAt" FROM photo_uploads
        WHERE photo_id = ${row!.id} AND account_id = ${accountId}`;
      return { photo: toStoredPhoto(row!), uploadedAt: upload!.uploadedAt };
    },
    byId,
    async uploadsBy(accountId, photoIds) {
      const rows = await sql<Array<PhotoRow & { uploadedAt: number }>>`SELECT ${columns}, u.uploaded_at::float8 AS "uploadedAt"
        FROM photo_uploads u JOIN photos p ON p.id = u.photo_id WHERE u.account_id = ${accountId} AND u.photo_id = ANY(${photoIds as number[]}::bigint[])`;
      return rows.map((row) => ({ photo: toStoredPhoto(row), uploadedAt: row.uploadedAt }));
    },
    async attach(issueId, eventId, photos) {
      if (photos.length === 0) return;
      await sql`INSERT INTO issue_photos ${sql(photos.map(({ photoId, stage, flags }, ordinal) => ({
        issue_id: issueId, event_id: eventId, photo_id: photoId, stage, flags: sql.json(flags as never), ordinal,
      })))}`;
    },
    async issuesOf(photoId) {
      const rows = await sql<Array<{ issueId: number }>>`SELECT DISTINCT issue_id::int AS "issueId" FROM issue_photos WHERE photo_id = ${photoId} ORDER BY 1`;
      return rows.map((row) => row.issueId);
    },
    async uploadedBy(photoId, accountId) {
      const rows = await sql`SELECT 1 FROM photo_uploads WHERE photo_id = ${photoId} AND account_id = ${accountId}`;
      return rows.length > 0;
    },
  };
}

export function createIdempotentRequestRepository(sql: Queryable): IdempotentRequestRepository {
  return {
    async find(accountId, key) {
      const [row] = await sql<Array<{ requestDigest: string; issueId: number }>>`SELECT request_digest AS "requestDigest", issue_id::int AS "issueId"
        FROM idempotent_requests WHERE account_id = ${accountId} AND idempotency_key = ${key}`;
      return row;
    },
    async remember(accountId, key, requestDigest, issueId, at) {
      await sql`INSERT INTO idempotent_requests (account_id, idempotency_key, request_digest, issue_id, recorded_at)
        VALUES (${accountId}, ${key}, ${requestDigest}, ${issueId}, ${at})`;
    },
  };
}

import { photoDistanceMetres, type PhotoFlag, type PhotoStage } from '../domain/photo-evidence.ts';
import type { ReadPhoto } from '../photos/photo-reading.ts';
import type { IssuePhoto } from '../schemas/contract.ts';
import { toNullableInstant } from './instants.ts';

/** A photo as the database keeps it: what reading it found, under its id. */
export type StoredPhoto = Pick<ReadPhoto, 'sha256' | 'mediaType' | 'byteSize' | 'width' | 'height' | 'takenAt' | 'position'> & { id: number };

/** A photo's row as both databases' repositories read it. */
export type PhotoRow = Omit<StoredPhoto, 'position'> & { longitude: number | null; latitude: number | null };

export function toStoredPhoto(row: PhotoRow): StoredPhoto {
  const { longitude, latitude, ...fields } = row;
  return { ...fields, id: Number(row.id), byteSize: Number(row.byteSize), takenAt: row.takenAt === null ? null : Number(row.takenAt),
    position: longitude === null || latitude === null ? null : { longitude, latitude } };
}

export interface IssuePhotoRow extends PhotoRow {
  eventId: number;
  stage: PhotoStage;
  /** JSON text from SQLite, already parsed from PostgreSQL. */
  flags: string | PhotoFlag[];
}

/** A problem's photo as the API gives it, with how far from the problem it was taken. */
export function toIssuePhoto(row: IssuePhotoRow, problem: { longitude: number; latitude: number }): IssuePhoto {
  const photo = toStoredPhoto(row);
  return {
    id: photo.id, eventId: Number(row.eventId), stage: row.stage, flags: typeof row.flags === 'string' ? JSON.parse(row.flags) : row.flags,
    width: photo.width, height: photo.height, takenAt: toNullableInstant(photo.takenAt), position: photo.position,
    distanceMetres: photo.position ? Math.round(photoDistanceMetres(photo.position, problem)) : null,
  };
}

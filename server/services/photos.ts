import { ClientError, notFound , refusal } from '../errors.ts';
import { inScope, type ProblemScope } from '../domain/roles.ts';
import { uploadFlags } from '../domain/photo-evidence.ts';
import { NotAPhotoError, readPhoto, type ReadPhoto } from '../photos/photo-reading.ts';
import type { PhotoFiles } from '../photos/photo-files.ts';
import type { StoredPhoto } from '../store/photo-rows.ts';
import type { Store } from '../store/store.ts';
import type { UploadedPhoto } from '../schemas/contract.ts';
import { toNullableInstant } from '../store/instants.ts';

export interface UploadedFile {
  /** The name the phone gave it, to name it in a refusal; its type is read from its bytes. */
  name: string;
  bytes: Buffer;
}

/**
 * Reads, stores and records photos sent together: all of them, or — if any is not a photo —
 * none, the refusal naming which. The files go to disk before the database names them, so a
 * recorded photo always has its files; a file stored for an upload refused later is kept (never
 * deleted) and found again when sent again.
 */
export async function uploadPhotos(store: Store, photoFiles: PhotoFiles, files: readonly UploadedFile[], accountId: number, now: number): Promise<UploadedPhoto[]> {
  const read: ReadPhoto[] = [];
  for (const [index, file] of files.entries()) {
    try {
      read.push(await readPhoto(file.bytes));
    } catch (error) {
      if (error instanceof NotAPhotoError) throw new ClientError(415, `files[${index}] (${file.name}): ${error.message}`, refusal('not_a_photo', { file: file.name }));
      throw error;
    }
  }
  for (const [index, photo] of read.entries()) await photoFiles.keep({ ...photo, original: files[index]!.bytes });
  const recorded = await store.unitOfWork(async ({ repositories }) => {
    const kept = [];
    for (const { display: _display, thumbnail: _thumbnail, ...photo } of read) kept.push(await repositories.photos.record(photo, accountId, now));
    return kept;
  });
  return recorded.map(({ photo, uploadedAt }) => ({
    id: photo.id, sha256: photo.sha256, width: photo.width, height: photo.height, takenAt: toNullableInstant(photo.takenAt), position: photo.position,
    flags: uploadFlags({ ...photo, uploadedAt }),
  }));
}

/**
 * A photo the account may see: one it uploaded, or one given with a problem in its scope. Any
 * other is answered as one that does not exist.
 */
export async function visiblePhoto(store: Store, photoId: number, account: { id: number | null; scope: ProblemScope }): Promise<StoredPhoto> {
  const { photos, workflow } = store.repositories;
  const photo = await photos.byId(photoId);
  if (!photo) throw notFound('photo', photoId);
  if (account.id !== null && await photos.uploadedBy(photoId, account.id)) return photo;
  for (const issueId of await photos.issuesOf(photoId)) {
    const issue = await workflow.issue(issueId);
    if (issue && inScope(account.scope, issue)) return photo;
  }
  throw notFound('photo', photoId);
}

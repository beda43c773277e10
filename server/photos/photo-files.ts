import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PHOTO_VARIANTS = ['original', 'display', 'thumb'] as const;
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Photos on disk, addressed by the SHA-256 of the original: `ab/abcdef….jpg` with its
 * `.display.jpg` and `.thumb.jpg` beside it. A file once written is never overwritten nor
 * deleted: the same photo sent again finds itself stored already.
 */
export function createPhotoFiles(directory: string) {
  const pathOf = (sha256: string, mediaType: string, variant: PhotoVariant) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    const name = variant === 'original' ? `${sha256}.${EXTENSION[mediaType] ?? 'bin'}` : `${sha256}.${variant}.jpg`;
    return join(directory, sha256.slice(0, 2), name);
  };

  /** Writes a file unless it is there: through a temporary file, so a half-written one never takes the name. */
  async function keep(path: string, bytes: Buffer): Promise<void> {
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, bytes, { flag: 'wx' });
    try {
      await copyFile(temporary, path, constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  return {
    pathOf,
    async keep(photo: { sha256: string; mediaType: string; original: Buffer; display: Buffer; thumbnail: Buffer }): Promise<void> {
      await mkdir(join(directory, photo.sha256.slice(0, 2)), { recursive: true });
      await keep(pathOf(photo.sha256, photo.mediaType, 'original'), photo.original);
      await keep(pathOf(photo.sha256, photo.mediaType, 'display'), photo.display);
      await keep(pathOf(photo.sha256, photo.mediaType, 'thumb'), photo.thumbnail);
    },
  };
}

export type PhotoFiles = ReturnType<typeof createPhotoFiles>;

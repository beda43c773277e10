import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { exifInstant } from '../domain/photo-evidence.ts';

/** The kinds of photo taken: what phones and cameras write. */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];

/** The longest side of the size pages show a photo at, and of its thumbnail. */
export const DISPLAY_PIXELS = 1600;
export const THUMBNAIL_PIXELS = 320;
/** A photo larger than this many pixels is refused before it is decoded (a decompression bomb). */
const MAXIMUM_PIXELS = 100_000_000;

export interface ReadPhoto {
  sha256: string;
  mediaType: PhotoMediaType;
  byteSize: number;
  /** As it is seen, its EXIF orientation applied. */
  width: number;
  height: number;
  takenAt: number | null;
  position: { longitude: number; latitude: number } | null;
  /** JPEG renditions, without the EXIF of the original (which keeps it, for the auditor). */
  display: Buffer;
  thumbnail: Buffer;
}

/** Why a file is not a photo we take, in words for the person who sent it. */
export class NotAPhotoError extends Error {}

/**
 * Reads an uploaded file as a photo: its type from its content (never its name), its size as
 * seen, when and where it was taken from its EXIF, and the two renditions pages load.
 */
export async function readPhoto(bytes: Buffer): Promise<ReadPhoto> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !(PHOTO_MEDIA_TYPES as readonly string[]).includes(type.mime)) {
    throw new NotAPhotoError(`is ${type ? `a ${type.mime} file` : 'not an image'}: send a JPEG, PNG or WebP photo`);
  }
  let image;
  let metadata;
  try {
    image = sharp(bytes, { limitInputPixels: MAXIMUM_PIXELS, failOn: 'error' }).autoOrient();
    metadata = await image.metadata();
  } catch (error) {
    throw new NotAPhotoError(`cannot be read as a ${type.ext.toUpperCase()} photo (${(error as Error).message})`);
  }
  const rendition = (pixels: number, quality: number) => image.clone()
    .resize({ width: pixels, height: pixels, fit: 'inside', withoutEnlargement: true }).jpeg({ quality, mozjpeg: false }).toBuffer();
  const [display, thumbnail, exif] = await Promise.all([rendition(DISPLAY_PIXELS, 82), rendition(THUMBNAIL_PIXELS, 75), readExif(bytes)]);
  const turned = (metadata.orientation ?? 1) >= 5;
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType: type.mime as PhotoMediaType,
    byteSize: bytes.length,
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
    ...exif,
    display,
    thumbnail,
  };
}

async function readExif(bytes: Buffer): Promise<Pick<ReadPhoto, 'takenAt' | 'position'>> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(bytes, {
      reviveValues: false, gps: true,
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate', 'OffsetTimeDigitized', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'],
    });
  } catch {
    // A photo whose EXIF cannot be read is still a photo: it says nothing of when or where.
    tags = undefined;
  }
  if (!tags) return { takenAt: null, position: null };
  const takenAt = exifInstant(tags.DateTimeOriginal, tags.OffsetTimeOriginal) ?? exifInstant(tags.CreateDate, tags.OffsetTimeDigitized);
  const { longitude, latitude } = tags as { longitude?: unknown; latitude?: unknown };
  const position = typeof longitude === 'number' && typeof latitude === 'number' && Number.isFinite(longitude) && Number.isFinite(latitude)
    && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 && !(longitude === 0 && latitude === 0)
    ? { longitude, latitude } : null;
  return { takenAt, position };
}

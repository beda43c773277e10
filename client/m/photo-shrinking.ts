import { exifSegmentOf, uprightExifSegment, withExifSegment } from './jpeg-exif.ts';

/** The longest side a photo is sent at: plenty to judge a rectification, a fraction of a phone camera's 4000–8000 px. */
export const LONGEST_SIDE = 2560;

/**
 * A photo made small enough to send over a field connection: drawn upright at most 2560 px on
 * its longest side as a JPEG, carrying the original's EXIF (time and place taken) when it was a
 * JPEG. A photo already small enough is sent as it is, byte for byte.
 */
export async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = LONGEST_SIDE / Math.max(bitmap.width, bitmap.height);
  if (scale >= 1) {
    bitmap.close();
    return { blob: file, name: file.name };
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const drawn = await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be drawn'))), 'image/jpeg', 0.88));
  const exif = file.type === 'image/jpeg' ? exifSegmentOf(new Uint8Array(await file.arrayBuffer())) : null;
  const bytes = exif ? withExifSegment(new Uint8Array(await drawn.arrayBuffer()), uprightExifSegment(exif)) : new Uint8Array(await drawn.arrayBuffer());
  return { blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name: file.name.replace(/\.\w+$/, '') + '.jpg' };
}

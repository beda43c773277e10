import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import { exifSegmentOf, uprightExifSegment, withExifSegment } from '../../client/m/jpeg-exif.ts';
import { phonePhoto } from '../support/photos.ts';

const TAKEN = Date.UTC(2026, 10, 3, 2, 15, 0);

describe('moving a photo\'s EXIF to its smaller copy', () => {
  it('keeps when and where it was taken, and says the copy is upright', async () => {
    const original = await sharp(await phonePhoto({ takenAt: TAKEN, position: [120.15, 30.28], width: 3200 }))
      .withMetadata({ orientation: 6 }).toBuffer();
    // A canvas draws the pixels upright and writes a JPEG with no EXIF.
    const canvasCopy = await sharp(original).rotate().resize(2560, 2560, { fit: 'inside' }).jpeg().toBuffer();
    expect(exifSegmentOf(canvasCopy)).toBeNull();

    const segment = exifSegmentOf(original)!;
    const shrunk = withExifSegment(canvasCopy, uprightExifSegment(segment));

    const exif = await exifr.parse(Buffer.from(shrunk), { translateValues: false, reviveValues: false });
    const before = await exifr.parse(original, { translateValues: false, reviveValues: false });
    expect(before.Orientation).toBe(6);
    expect(exif.DateTimeOriginal).toBe(before.DateTimeOriginal);
    expect(exif.Orientation).toBe(1);
    const gps = await exifr.gps(Buffer.from(shrunk));
    expect(gps.longitude).toBeCloseTo(120.15, 5);
    expect(gps.latitude).toBeCloseTo(30.28, 5);
    const metadata = await sharp(shrunk).metadata();
    expect([metadata.width, metadata.height]).toEqual([1920, 2560]);
    expect(metadata.orientation).toBe(1);
  });

  it('replaces an EXIF the copy has, and leaves the pixels as they were', async () => {
    const withOwn = await phonePhoto({ takenAt: TAKEN - 86_400_000, width: 400 });
    const other = await phonePhoto({ takenAt: TAKEN, width: 400, seed: 2 });
    const replaced = withExifSegment(withOwn, exifSegmentOf(other)!);
    const takenAt = async (bytes: Uint8Array) => ((await exifr.parse(Buffer.from(bytes))) as { DateTimeOriginal: Date }).DateTimeOriginal.getTime();
    expect(await takenAt(replaced)).toBe(await takenAt(other));
    expect(await takenAt(replaced)).not.toBe(await takenAt(withOwn));
    const pixels = async (bytes: Uint8Array) => (await sharp(Buffer.from(bytes)).raw().toBuffer()).toString('base64');
    expect(await pixels(replaced)).toBe(await pixels(withOwn));
  });

  it('refuses bytes that are not a JPEG', () => {
    expect(exifSegmentOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(() => withExifSegment(new Uint8Array([0x89, 0x50]), new Uint8Array())).toThrow('not a JPEG');
  });
});

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import type { SignedIn } from './test-app.ts';

/** EXIF's way of writing a date-time (local, no zone) and an angle (degrees, minutes, seconds as rationals). */
const exifDateTime = (instant: number, offsetHours: number) => new Date(instant + offsetHours * 3_600_000).toISOString().slice(0, 19).replace(/-/g, ':').replace('T', ' ');
const exifAngle = (degrees: number) => {
  const whole = Math.floor(Math.abs(degrees));
  const minutes = Math.floor((Math.abs(degrees) - whole) * 60);
  const seconds = Math.round(((Math.abs(degrees) - whole) * 60 - minutes) * 60 * 10_000);
  return `${whole}/1 ${minutes}/1 ${seconds}/10000`;
};

/**
 * A real JPEG as a phone writes one: EXIF DateTimeOriginal in local time (China's unless told),
 * with its offset tag or without, and the GPS position. Its pixels differ by `seed`, so each is a
 * photo of its own.
 */
export async function phonePhoto(options: { takenAt?: number; offset?: string | null; position?: [number, number]; seed?: number; width?: number } = {}): Promise<Buffer> {
  const { takenAt, offset = '+08:00', position, seed = 1, width = 1200 } = options;
  const offsetHours = offset === null ? 8 : Number(offset.slice(0, 3)) + Math.sign(Number(offset.slice(0, 3))) * Number(offset.slice(4)) / 60;
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'CivGrid', Model: 'Test Phone' } };
  if (takenAt !== undefined) exif.IFD2 = { DateTimeOriginal: exifDateTime(takenAt, offsetHours), ...(offset === null ? {} : { OffsetTimeOriginal: offset }) };
  if (position) {
    exif.IFD3 = {
      GPSLatitudeRef: position[1] >= 0 ? 'N' : 'S', GPSLatitude: exifAngle(position[1]),
      GPSLongitudeRef: position[0] >= 0 ? 'E' : 'W', GPSLongitude: exifAngle(position[0]),
    };
  }
  const colour = { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 31) % 256 };
  return sharp({ create: { width, height: Math.round(width * 0.75), channels: 3, background: colour } }).jpeg({ quality: 90 }).withExif(exif).toBuffer();
}

/** Sends photos as the phone app does: multipart/form-data, one file per part. */
export async function sendPhotos(
  server: FastifyInstance, signedIn: SignedIn, files: ReadonlyArray<{ name: string; bytes: Uint8Array; type?: string }>, district = 'qingchuan',
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  for (const file of files) form.append('photo', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }), file.name);
  const encoded = new Response(form);
  return server.inject({
    method: 'POST', url: `/api/districts/${district}/photos`, payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { ...signedIn.headers, 'content-type': encoded.headers.get('content-type')! },
  });
}

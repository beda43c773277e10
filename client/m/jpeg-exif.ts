/**
 * Moving a JPEG's EXIF to a smaller copy of it. A canvas writes a JPEG without the original's
 * EXIF, and the photo's time and place are the evidence; the segment is copied as it is, its
 * orientation set to upright because the canvas drew the pixels upright. A JPEG is a run of
 * marker segments (FFxx, then a big-endian length that counts itself) up to the scan (FFDA);
 * EXIF is the APP1 segment that starts with "Exif\0\0" and holds a TIFF structure.
 */

const START_OF_IMAGE = 0xd8;
const START_OF_SCAN = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];
const ORIENTATION_TAG = 0x0112;

interface Segment {
  marker: number;
  start: number;
  end: number;
}

/** The segments before the scan, or null when the bytes are not a JPEG. */
function segmentsOf(jpeg: Uint8Array): Segment[] | null {
  if (jpeg[0] !== 0xff || jpeg[1] !== START_OF_IMAGE) return null;
  const segments: Segment[] = [];
  let offset = 2;
  while (offset + 4 <= jpeg.length && jpeg[offset] === 0xff) {
    const marker = jpeg[offset + 1]!;
    if (marker === START_OF_SCAN) break;
    const end = offset + 2 + ((jpeg[offset + 2]! << 8) | jpeg[offset + 3]!);
    if (end > jpeg.length) return null;
    segments.push({ marker, start: offset, end });
    offset = end;
  }
  return segments;
}

const isExif = (jpeg: Uint8Array, segment: Segment) =>
  segment.marker === APP1 && EXIF_HEADER.every((byte, index) => jpeg[segment.start + 4 + index] === byte);

/** The JPEG's EXIF segment (marker and length included), or null when it has none. */
export function exifSegmentOf(jpeg: Uint8Array): Uint8Array | null {
  const segment = segmentsOf(jpeg)?.find((candidate) => isExif(jpeg, candidate));
  // A copy, never a view (a Node Buffer's slice is one).
  return segment ? new Uint8Array(jpeg.subarray(segment.start, segment.end)) : null;
}

/** A copy of an EXIF segment whose orientation says the pixels are upright (1), if it says anything. */
export function uprightExifSegment(segment: Uint8Array): Uint8Array {
  const upright = new Uint8Array(segment);
  const tiff = 10;
  const view = new DataView(upright.buffer, upright.byteOffset, upright.byteLength);
  if (upright.length < tiff + 8) return upright;
  const littleEndian = view.getUint16(tiff) === 0x4949;
  const firstDirectory = tiff + view.getUint32(tiff + 4, littleEndian);
  if (firstDirectory + 2 > upright.length) return upright;
  const entries = view.getUint16(firstDirectory, littleEndian);
  for (let index = 0; index < entries; index += 1) {
    const entry = firstDirectory + 2 + index * 12;
    if (entry + 12 > upright.length) break;
    if (view.getUint16(entry, littleEndian) === ORIENTATION_TAG) view.setUint16(entry + 8, 1, littleEndian);
  }
  return upright;
}

/** The JPEG with this EXIF segment in place of its own: after the JFIF header when there is one, else first. */
export function withExifSegment(jpeg: Uint8Array, exif: Uint8Array): Uint8Array {
  const segments = segmentsOf(jpeg);
  if (!segments) throw new Error('not a JPEG');
  const kept = segments.filter((segment) => !isExif(jpeg, segment));
  const insertAt = kept[0]?.marker === APP0 ? kept[0].end : 2;
  const parts: Uint8Array[] = [jpeg.subarray(0, insertAt), exif];
  let offset = insertAt;
  for (const segment of segments) {
    if (segment.start < insertAt) continue;
    if (isExif(jpeg, segment)) {
      parts.push(jpeg.subarray(offset, segment.start));
      offset = segment.end;
    }
  }
  parts.push(jpeg.subarray(offset));
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

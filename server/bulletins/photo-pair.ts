import sharp from 'sharp';
import type { BulletinImage } from './bulletin-content.ts';
import { DRAWING_FONT_FAMILY, renderDrawing } from './bulletin-fonts.ts';

/**
 * A problem's photos before and after rectification side by side, as one JPEG the type area's
 * width at 300 dpi: each photo whole (never cropped: it is evidence) on white, and a tile that
 * says so where a photo is missing.
 */

const TILE_WIDTH = 900;
const TILE_HEIGHT = 675;
const GAP = 43;
const PIXELS_PER_MILLIMETRE = 300 / 25.4;

/** A grey tile that says why it is empty, its words drawn with our own font. */
const missingTile = (words: string) => renderDrawing(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${TILE_WIDTH}" height="${TILE_HEIGHT}"><rect width="100%" height="100%" fill="#eceff3"/>`
  + `<text x="50%" y="50%" font-family="${DRAWING_FONT_FAMILY}" font-size="48" fill="#6b7785" text-anchor="middle">${words}</text></svg>`,
).asPng();

const tile = (photo: Uint8Array | null, missing: string) => sharp(photo ?? missingTile(missing))
  .rotate()
  .resize(TILE_WIDTH, TILE_HEIGHT, { fit: 'contain', background: '#ffffff' })
  .toBuffer();

export async function photoPair(before: Uint8Array | null, after: Uint8Array | null): Promise<BulletinImage> {
  const [left, right] = await Promise.all([tile(before, '无上报照片'), tile(after, '尚无整改后照片')]);
  const width = 2 * TILE_WIDTH + GAP;
  const data = await sharp({ create: { width, height: TILE_HEIGHT, channels: 3, background: '#ffffff' } })
    .composite([{ input: left, left: 0, top: 0 }, { input: right, left: TILE_WIDTH + GAP, top: 0 }])
    .jpeg({ quality: 80 })
    .toBuffer();
  return { data, type: 'jpg', widthMillimetres: width / PIXELS_PER_MILLIMETRE, heightMillimetres: TILE_HEIGHT / PIXELS_PER_MILLIMETRE };
}

import sharp from 'sharp';

/**
 * A 12-megapixel JPEG of about 4 MB as a phone sends one: noise over a gradient, so it compresses
 * as a photo of a street does, not as a flat colour. Each seed gives new bytes.
 */
export async function streetPhoto(seed: number): Promise<Buffer> {
  const [width, height] = [4000, 3000];
  const noise = Buffer.alloc(width * height * 3);
  let state = seed * 2_654_435_761;
  for (let index = 0; index < noise.length; index += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    // Smooth-ish noise: a street scene has texture, not static.
    noise[index] = ((state >>> 24) & 0x3f) + ((index / 3) % width) / width * 160;
  }
  return sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 88 })
    .withExif({ IFD2: { DateTimeOriginal: '2026:11:20 14:30:05', OffsetTimeOriginal: '+08:00' } }).toBuffer();
}

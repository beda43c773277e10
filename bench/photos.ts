import { openDatabase } from '../server/database/open.ts';
import { createPhotoFiles } from '../server/photos/photo-files.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { uploadPhotos } from '../server/services/photos.ts';
import { createSeededDatabase, temporaryDirectory } from '../tests/support/test-database.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';
import { streetPhoto } from './street-photo.ts';

/**
 * `npm run bench:photos`: the server's time to take one phone photo — type read from its bytes,
 * EXIF read, display size and thumbnail made, the three files kept, the photo recorded — for a
 * 12-megapixel JPEG of about 4 MB (noise, so it compresses as a photo of a street does, not as a
 * flat colour). Each run sends new bytes (the same bytes again are found, not stored twice).
 * Rewrites its section of docs/benchmarks.md.
 */

const RUNS = 7;
const seeded = createSeededDatabase(1000);
seeded.database.close();
const store = createSqliteStore(openDatabase(seeded.path));
const folder = temporaryDirectory();
const photoFiles = createPhotoFiles(folder.directory);
const accountId = (await store.security.repositories.accounts.byUsername('gridworker'))!.id;

try {
  const timings: number[] = [];
  const sizes: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const bytes = await streetPhoto(run + 1);
    sizes.push(bytes.length);
    const started = performance.now();
    await uploadPhotos(store, photoFiles, [{ name: `IMG_${run}.jpg`, bytes }], accountId, Date.now());
    timings.push(performance.now() - started);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const megabytes = sizes.reduce((sum, size) => sum + size, 0) / sizes.length / 1048576;
  writeReportSection('photos', ['## Taking a photo', '', `${measuredOn('npm run bench:photos')}; ${RUNS} uploads of new 12-megapixel JPEGs (4000 × 3000, ${megabytes.toFixed(1)} MB on average), on the 1,000-problem demo, SQLite.`, '',
    '| step | median | slowest | target |', '| --- | ---: | ---: | ---: |',
    `| read type and EXIF, make display size and thumbnail, keep three files, record | ${percentile(sorted, 0.5).toFixed(0)} ms | ${sorted.at(-1)!.toFixed(0)} ms | ≤ 500 ms |`]);
} finally {
  await store.close();
  seeded.remove();
  folder.remove();
}

import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { DISTRICT_TILES_FILE } from '../server/basemap/district-tiles.ts';
import { openDatabase } from '../server/database/open.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { applyImport, dryRunBasemapImport } from '../server/services/imports.ts';
import type { BasemapImportAnswer } from '../server/schemas/contract.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { measuredOn, writeReportSection } from './report.ts';

/**
 * Part of `npm run bench:imports`: a site's road layer cut into the base map's tiles. The roads are
 * made up: a district of 10 × 10 km crossed by streets every 100 m each way, each street in
 * segments between crossings, as a GIS office's road centre lines come (20,000 lines). Dry run and
 * apply timed apart, on a fresh copy of the demo's layers. Rewrites its section of docs/benchmarks.md.
 */

const by = { username: 'bench', address: 'local', historyName: '基准（bench）' };

function streets(count: number): Uint8Array {
  const [west, south, step] = [120.1, 30.2, 0.001];
  const features = [];
  for (let line = 0; line < count; line += 1) {
    for (let segment = 0; segment < count; segment += 1) {
      const grade = line % 10 === 0 ? '主干路' : line % 5 === 0 ? '次干路' : '支路';
      const along = [segment * step, (segment + 1) * step];
      features.push({ type: 'Feature', properties: { 名称: `东西${line}路`, 道路等级: grade }, geometry: { type: 'LineString', coordinates: along.map((x) => [west + x, south + line * step]) } });
      features.push({ type: 'Feature', properties: { 名称: `南北${line}路`, 道路等级: grade }, geometry: { type: 'LineString', coordinates: along.map((y) => [west + line * step, south + y]) } });
    }
  }
  return strToU8(JSON.stringify({ type: 'FeatureCollection', features }));
}

const seeded = createSeededDatabase(1000);
seeded.database.close();
const store = createSqliteStore(openDatabase(seeded.path));
const layers = mkdtempSync(join(tmpdir(), 'civgrid-bench-basemap-'));
try {
  cpSync(seeded.basemapDirectory, layers, { recursive: true });
  const file = { name: 'roads.geojson', bytes: streets(100) };
  let started = performance.now();
  const answer = await dryRunBasemapImport(store, file, { layer: 'roads', coordinateSystem: 'EPSG:4326' }, by, Date.now()) as BasemapImportAnswer;
  const dryRun = performance.now() - started;
  started = performance.now();
  const applied = await applyImport(store, answer.id, true, by, Date.now(), { basemapLayers: layers }) as BasemapImportAnswer;
  const apply = performance.now() - started;
  const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
  writeReportSection('basemap-import', ['## Importing a site\'s road layer', '', `${measuredOn('npm run bench:imports')}; one run, on a fresh copy of the demo's layers.`, '',
    '| roads | file | dry run (read, convert, class, keep) | apply (cut into tiles, zoom 10–16) | tiles | archive |', '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${answer.report.file.features.toLocaleString('en')} lines | ${(file.bytes.length / 1048576).toFixed(1)} MB | ${seconds(dryRun)} | ${seconds(apply)} | ${applied.report.applied!.tiles.toLocaleString('en')} | ${(statSync(join(layers, DISTRICT_TILES_FILE)).size / 1048576).toFixed(1)} MB |`]);
} finally {
  await store.close();
  seeded.remove();
  rmSync(layers, { recursive: true, force: true });
}

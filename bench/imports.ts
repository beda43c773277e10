import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8 } from 'fflate';
import { openDatabase } from '../server/database/open.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { applyImport, dryRunGridImport } from '../server/services/imports.ts';
import { createSeededDatabase } from '../tests/support/test-database.ts';
import { XIACHENG_DIRECTORY } from '../tests/support/xiacheng-fixtures.ts';
import { measuredOn, writeReportSection } from './report.ts';

/**
 * `npm run bench:imports`: a district's grids imported over the demo district, dry run and apply
 * timed apart — the real 下城区 Shapefile (74 grids, CGCS2000 Gauss-Krüger, GBK) and a made-up
 * city of 1,000 grids (a 40 × 25 lattice of 250 m blocks, 48 vertices a ring, shared edges exact).
 * Each run on a fresh copy of a 1,000-problem demo database. Rewrites its section of docs/benchmarks.md.
 */

const RUNS = 3;
const by = { username: 'bench', address: 'local', historyName: '基准（bench）' };

/** A lattice of square blocks whose edges are cut into segments, so neighbours share every vertex. */
function lattice(columns: number, rows: number): Uint8Array {
  const west = 120.1;
  const south = 30.2;
  const step = 0.0025;
  const segments = 12;
  const features = [];
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const x0 = west + column * step;
      const y0 = south + row * step;
      const edge = (from: [number, number], to: [number, number]) => Array.from({ length: segments }, (_, index) =>
        [from[0] + ((to[0] - from[0]) * index) / segments, from[1] + ((to[1] - from[1]) * index) / segments]);
      const corners: Array<[number, number]> = [[x0, y0], [x0 + step, y0], [x0 + step, y0 + step], [x0, y0 + step]];
      const ring = corners.flatMap((corner, index) => edge(corner, corners[(index + 1) % 4]!));
      ring.push(ring[0]!);
      const code = `C${String(row * columns + column + 1).padStart(4, '0')}`;
      features.push({ type: 'Feature', properties: { code, name: `第${row + 1}排${column + 1}号片区` }, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return strToU8(JSON.stringify({ type: 'FeatureCollection', features }));
}

async function timeImport(file: { name: string; bytes: Uint8Array }, options: { coordinateSystem?: string }): Promise<{ dryRun: number; apply: number; grids: number }> {
  const seeded = createSeededDatabase(1000);
  seeded.database.close();
  const store = createSqliteStore(openDatabase(seeded.path));
  try {
    let started = performance.now();
    const answer = await dryRunGridImport(store, file, options, by, Date.now());
    const dryRun = performance.now() - started;
    if (answer.report.errors.length > 0) throw new Error(`${file.name}: ${answer.report.errors[0]!.message}`);
    started = performance.now();
    await applyImport(store, answer.id, true, by, Date.now());
    return { dryRun, apply: performance.now() - started, grids: answer.report.diff.added.length };
  } finally {
    await store.close();
    seeded.remove();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;

const cases = [
  { label: '下城区 Shapefile, 74 grids (CGCS2000 3° GK, GBK)', file: { name: 'grids-cgcs2000-gk3-120e.zip', bytes: readFileSync(resolve(XIACHENG_DIRECTORY, 'grids-cgcs2000-gk3-120e.zip')) }, options: {}, target: '≤ 2 s' },
  { label: '下城区 GeoJSON in GCJ-02, 74 grids', file: { name: 'grids-gcj02.geojson', bytes: readFileSync(resolve(XIACHENG_DIRECTORY, 'grids-gcj02.geojson')) }, options: { coordinateSystem: 'GCJ-02' }, target: '≤ 2 s' },
  { label: 'a lattice of 1,000 grids (48 vertices each)', file: { name: 'lattice.geojson', bytes: lattice(40, 25) }, options: {}, target: '≤ 20 s' },
];
const lines = [`${measuredOn('npm run bench:imports')}; median of ${RUNS} runs, each on a fresh 1,000-problem demo database.`, '',
  '| file | grids | dry run (read, convert, validate, diff, keep the report) | apply (one transaction) | total | target |', '| --- | ---: | ---: | ---: | ---: | --- |'];
for (const { label, file, options, target } of cases) {
  const runs = [];
  for (let run = 0; run < RUNS; run += 1) runs.push(await timeImport(file, options));
  const dryRun = median(runs.map((each) => each.dryRun));
  const apply = median(runs.map((each) => each.apply));
  lines.push(`| ${label} | ${runs[0]!.grids} | ${seconds(dryRun)} | ${seconds(apply)} | ${seconds(dryRun + apply)} | ${target} |`);
}
writeReportSection('imports', ['## Importing a district\'s grids', '', ...lines]);

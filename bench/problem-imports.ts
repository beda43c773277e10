import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pointOnFeature } from '@turf/turf';
import { openDatabase } from '../server/database/open.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { applyImport, dryRunProblemImport } from '../server/services/imports.ts';
import { fromWgs84 } from '../server/import/coordinate-systems.ts';
import { DAY_MS, formatChinaDateTime } from '../server/domain/china-time.ts';
import { createSeededDatabase, temporaryDirectory } from '../tests/support/test-database.ts';
import { measuredOn, writeReportSection } from './report.ts';

/**
 * `npm run bench:imports` (second part): a year of 12345 problems as an xlsx export in GCJ-02 —
 * 10,000 and 100,000 rows, written with exceljs's streaming writer as such systems produce them —
 * dry-run and applied on a fresh 1,000-problem demo database. Memory is sampled while it runs:
 * the workbook is read as a stream, so what grows with the rows is the checked rows held for
 * staging, not the file's cells. Rewrites its section of docs/benchmarks.md.
 */

const by = { username: 'bench', address: 'local', historyName: '基准（bench）' };
const HEADERS = ['工单编号', '受理时间', '问题类别', '诉求内容', '发生地址', '经度', '纬度', '办理状态', '承办单位', '办结时间'];

async function writeExport(path: string, rows: number, district: { interiors: Array<[number, number]>; categories: string[]; departments: string[] }, now: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet('工单');
  sheet.addRow(HEADERS).commit();
  const toGcj02 = fromWgs84('GCJ-02');
  for (let index = 0; index < rows; index += 1) {
    const [longitude, latitude] = toGcj02(district.interiors[index % district.interiors.length]!);
    const reported = now - 365 * DAY_MS + Math.floor((index / rows) * 360 * DAY_MS);
    const closed = index % 5 !== 0;
    sheet.addRow([`GD${String(index).padStart(9, '0')}`, formatChinaDateTime(reported), district.categories[index % district.categories.length],
      `市民来电反映第${index}号问题`, `某路${index % 400}号`, longitude, latitude, closed ? '已办结' : '办理中',
      district.departments[index % district.departments.length], closed ? formatChinaDateTime(reported + 2 * DAY_MS) : '']).commit();
  }
  await workbook.commit();
}

/** The largest resident set and heap seen while `work` runs, sampled every 50 ms. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; heap: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

const lines = [`${measuredOn('npm run bench:imports')}; one run each, on a fresh 1,000-problem demo database; peak memory of the whole benchmark process, sampled every 50 ms.`, '',
  '| rows (xlsx, GCJ-02) | file | dry run (stream, check, stage) | apply (one transaction) | total | peak RSS | peak heap | target |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'];
const scratch = temporaryDirectory();
try {
  for (const rows of [10_000, 100_000]) {
    const seeded = createSeededDatabase(1000);
    const interiors = (seeded.database.prepare('SELECT geometry FROM grids').pluck().all() as string[])
      .map((geometry) => pointOnFeature(JSON.parse(geometry)).geometry.coordinates as [number, number]);
    const categories = seeded.database.prepare('SELECT name FROM issue_categories WHERE parent_id IS NOT NULL').pluck().all() as string[];
    const departments = seeded.database.prepare('SELECT name FROM departments').pluck().all() as string[];
    seeded.database.close();
    const path = join(scratch.directory, `12345-${rows}.xlsx`);
    const now = Date.now();
    await writeExport(path, rows, { interiors, categories, departments }, now);
    const store = createSqliteStore(openDatabase(seeded.path));
    try {
      global.gc?.();
      let started = performance.now();
      const dry = await withPeakMemory(() => dryRunProblemImport(store, { name: '12345.xlsx', bytes: readFileSync(path) }, { sourceSystem: '12345', issueSource: 'citizen_report', coordinateSystem: 'GCJ-02' }, by, now));
      const dryRun = performance.now() - started;
      if (dry.result.report.rows.ready !== rows) throw new Error(`expected ${rows} rows ready, the report says ${JSON.stringify(dry.result.report.rows)}; first error: ${dry.result.report.errors[0]?.text}`);
      started = performance.now();
      const applied = await withPeakMemory(() => applyImport(store, dry.result.id, false, by, now));
      const apply = performance.now() - started;
      lines.push(`| ${rows.toLocaleString('en')} | ${megabytes(statSync(path).size)} | ${seconds(dryRun)} | ${seconds(apply)} | ${seconds(dryRun + apply)} | ${megabytes(Math.max(dry.rss, applied.rss))} | ${megabytes(Math.max(dry.heap, applied.heap))} | ${rows === 100_000 ? '≤ 60 s, memory bounded' : ''} |`);
      console.log(lines.at(-1));
    } finally {
      await store.close();
      seeded.remove();
    }
  }
} finally {
  scratch.remove();
}
writeReportSection('problem-imports', ['## Importing problems from 12345', '', ...lines]);

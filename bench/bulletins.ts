import { addDays, chinaDay } from '../server/domain/china-time.ts';
import { openDatabase } from '../server/database/open.ts';
import { createSqliteStore } from '../server/sqlite/store.ts';
import { DEFAULT_ISSUE_COUNT } from '../server/seed/seed-database.ts';
import { DEMO_DISTRICT } from '../server/store/districts.ts';
import { bulletinDocx } from '../server/bulletins/bulletin-docx.ts';
import { bulletinPdf } from '../server/bulletins/bulletin-pdf.ts';
import { bulletinWorkbook } from '../server/bulletins/bulletin-workbook.ts';
import { dailyBulletin } from '../server/bulletins/daily-bulletin.ts';
import { gatherDailyFigures } from '../server/bulletins/daily-figures.ts';
import { mappedGrids } from '../server/bulletins/compose-bulletin.ts';
import { issueBulletin } from '../server/bulletins/issue-bulletin.ts';
import { gridMapImage } from '../server/bulletins/grid-map.ts';
import { createSeededDatabase, TEST_NOW, temporaryDirectory } from '../tests/support/test-database.ts';
import { createPhotoFiles } from '../server/photos/photo-files.ts';
import { uploadPhotos } from '../server/services/photos.ts';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MILLION_DATABASE } from './served-database.ts';
import { streetPhoto } from './street-photo.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';

/**
 * `npm run bench:bulletins`: how long bulletins take, whole (figures, map, Word, PDF, Excel,
 * stored in one transaction), and the process's memory at its height: a 日通报 on the demo
 * district (and by part), a 周通报 and a 月通报 there, a 督查专报 of 20 problems with 40 photos
 * (12-megapixel JPEGs as phones send them), and a 日通报 on the 1,000,000-problem database
 * (data/bench-1m.db, made by `npm run bench`; copied first, as bulletins are written to it).
 * Rewrites its section of docs/benchmarks.md.
 */

const RUNS = 5;
const SPECIAL_PROBLEMS = 20;
const seeded = createSeededDatabase(DEFAULT_ISSUE_COUNT);
seeded.database.close();
const store = createSqliteStore(openDatabase(seeded.path));
const photoFolder = temporaryDirectory();
const photoFiles = createPhotoFiles(photoFolder.directory);
const day = addDays(chinaDay(TEST_NOW), -1);
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};
let peak = 0;
const notePeak = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const sampler = setInterval(notePeak, 20);
const runs = async (count: number, work: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let run = 0; run < count; run += 1) times.push((await timed(work))[1]);
  return median(times);
};
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;

/** Twenty closed problems, each given a report photo and a rectification photo, as the field app gives them. */
async function problemsWithPhotos(): Promise<number[]> {
  const accountId = (await store.security.repositories.accounts.byUsername('gridworker'))!.id;
  const closed = await store.repositories.issues.list({ states: ['closed'] }, { limit: SPECIAL_PROBLEMS }, TEST_NOW, SPECIAL_PROBLEMS);
  for (const [index, summary] of closed.items.entries()) {
    const issue = (await store.repositories.issues.get(summary.id, TEST_NOW))!;
    const [before, after] = await uploadPhotos(store, photoFiles, [
      { name: `before-${index}.jpg`, bytes: await streetPhoto(2 * index + 1) }, { name: `after-${index}.jpg`, bytes: await streetPhoto(2 * index + 2) },
    ], accountId, TEST_NOW);
    const rectification = issue.events.findLast((event) => event.action === 'submit_rectification')!;
    await store.unitOfWork(async (unit) => {
      await unit.repositories.photos.attach(issue.id, issue.events[0]!.id, [{ photoId: before!.id, stage: 'report', flags: [] }]);
      await unit.repositories.photos.attach(issue.id, rectification.id, [{ photoId: after!.id, stage: 'rectification', flags: [] }]);
    });
  }
  return closed.items.map((issue) => issue.id);
}

/** A 日通报 on the million-problem database, or null without one. */
async function millionDaily(): Promise<{ whole: number; overdueListed: number } | null> {
  if (!existsSync(MILLION_DATABASE)) return null;
  const folder = temporaryDirectory();
  const copy = join(folder.directory, 'bench-1m.db');
  copyFileSync(MILLION_DATABASE, copy);
  const million = createSqliteStore(openDatabase(copy));
  try {
    // Its problems were made up to the moment it was seeded: report on the day before now.
    const now = Date.now();
    const yesterday = addDays(chinaDay(now), -1);
    const whole = await runs(3, () => issueBulletin(million, DEMO_DISTRICT, photoFiles, { series: 'daily', date: yesterday, draft: true, madeBy: 'bench' }, now));
    const figures = await gatherDailyFigures(million.repositories, DEMO_DISTRICT, yesterday, now);
    return { whole, overdueListed: figures.longOverdue.length };
  } finally {
    await million.close();
    folder.remove();
  }
}

try {
  const whole: number[] = [];
  const parts = { figures: [] as number[], map: [] as number[], docx: [] as number[], pdf: [] as number[], xlsx: [] as number[] };
  let pages = { docxBytes: 0, pdfBytes: 0, overdueListed: 0 };
  for (let run = 0; run < RUNS; run += 1) {
    whole.push((await timed(() => issueBulletin(store, DEMO_DISTRICT, photoFiles, { series: 'daily', date: day, draft: true, madeBy: 'bench' }, TEST_NOW)))[1]);
    const [figures, figuresTime] = await timed(() => gatherDailyFigures(store.repositories, DEMO_DISTRICT, day, TEST_NOW));
    const [map, mapTime] = await timed(async () => {
      const { grids, thresholds } = await mappedGrids(store.repositories, new Map(figures.grids.map((grid) => [grid.key, grid.grade])), TEST_NOW);
      return gridMapImage(grids, thresholds);
    });
    const content = dailyBulletin(figures, map, { number: run + 1, year: 2026, issuedOn: chinaDay(TEST_NOW), corrects: null });
    const [docx, docxTime] = await timed(() => bulletinDocx(content));
    const [pdf, pdfTime] = await timed(() => bulletinPdf(content));
    const xlsxTime = (await timed(() => bulletinWorkbook(content)))[1];
    parts.figures.push(figuresTime);
    parts.map.push(mapTime);
    parts.docx.push(docxTime);
    parts.pdf.push(pdfTime);
    parts.xlsx.push(xlsxTime);
    pages = { docxBytes: docx.length, pdfBytes: pdf.length, overdueListed: figures.longOverdue.length };
  }
  const weekly = await runs(3, () => issueBulletin(store, DEMO_DISTRICT, photoFiles, { series: 'weekly', draft: true, madeBy: 'bench' }, TEST_NOW));
  const monthly = await runs(3, () => issueBulletin(store, DEMO_DISTRICT, photoFiles, { series: 'monthly', draft: true, madeBy: 'bench' }, TEST_NOW));
  const demoPeak = peak;
  const issueIds = await problemsWithPhotos();
  let specialBytes = 0;
  const special = await runs(3, async () => {
    const { bulletin: record } = await issueBulletin(store, DEMO_DISTRICT, photoFiles, { series: 'special', issueIds, draft: true, madeBy: 'bench' }, TEST_NOW);
    specialBytes = (await store.repositories.bulletins.file(record.id, 'docx'))!.bytes.length;
  });
  const specialPeak = peak;
  const million = await millionDaily();
  clearInterval(sampler);
  writeReportSection('bulletins', [
    '## Bulletins', '',
    `${measuredOn('npm run bench:bulletins')}; medians (of ${RUNS} for the demo 日通报, of 3 otherwise), SQLite. Each bulletin is measured whole: its figures gathered, its map drawn, its Word, PDF and Excel files written, then stored in one transaction.`, '',
    '| measured | figure | target |', '| --- | ---: | ---: |',
    `| a 日通报 on the ${DEFAULT_ISSUE_COUNT.toLocaleString('en')}-problem demo | ${seconds(median(whole))} | ≤ 3 s |`,
    `| — its figures (the day, the month, every street, department and grid; ${pages.overdueListed} problems overdue over 5 working days) | ${seconds(median(parts.figures))} | |`,
    `| — its map of the grids by grade, drawn as SVG and rendered to a 300 dpi PNG | ${seconds(median(parts.map))} | |`,
    `| — the Word file (${Math.round(pages.docxBytes / 1024)} kB) | ${seconds(median(parts.docx))} | |`,
    `| — the PDF, its fonts subset and embedded (${Math.round(pages.pdfBytes / 1024)} kB) | ${seconds(median(parts.pdf))} | |`,
    `| — the Excel file | ${seconds(median(parts.xlsx))} | |`,
    `| a 周通报 on the demo (rankings of 65 grids, 27 leaders, 60 departments; 红黑榜; the week before) | ${seconds(weekly)} | |`,
    `| a 月通报 on the demo | ${seconds(monthly)} | |`,
    `| a 督查专报 of ${SPECIAL_PROBLEMS} problems with ${2 * SPECIAL_PROBLEMS} photos (12-megapixel JPEGs; Word file ${(specialBytes / 1048576).toFixed(1)} MB) | ${seconds(special)} | ≤ 10 s |`,
    million
      ? `| a 日通报 on the 1,000,000-problem database (${million.overdueListed} problems overdue over 5 working days listed) | ${seconds(million.whole)} | ≤ 10 s |`
      : '| a 日通报 on the 1,000,000-problem database | not measured: no data/bench-1m.db (`npm run bench` makes it) | ≤ 10 s |',
    `| the process's memory at its height (resident): the demo's bulletins, then the 督查专报${million ? ', then the million' : ''} | ${Math.round(demoPeak / 1048576)} MB, ${Math.round(specialPeak / 1048576)} MB${million ? `, ${Math.round(peak / 1048576)} MB` : ''} | bounded |`,
  ]);
} finally {
  clearInterval(sampler);
  await store.close();
  seeded.remove();
  photoFolder.remove();
}

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
import { issueBulletin, mappedGrids } from '../server/bulletins/issue-bulletin.ts';
import { gridMapImage } from '../server/bulletins/grid-map.ts';
import { createSeededDatabase, TEST_NOW, temporaryDirectory } from '../tests/support/test-database.ts';
import { createPhotoFiles } from '../server/photos/photo-files.ts';
import { measuredOn, percentile, writeReportSection } from './report.ts';

/**
 * `npm run bench:bulletins`: how long a 日通报 takes on the demo district, whole (figures, Word,
 * PDF, Excel, stored in one transaction) and by part, and the process's memory at its height.
 * Rewrites its section of docs/benchmarks.md.
 */

const RUNS = 5;
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
try {
  const whole: number[] = [];
  const parts = { figures: [] as number[], map: [] as number[], docx: [] as number[], pdf: [] as number[], xlsx: [] as number[] };
  let peak = 0;
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
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
  writeReportSection('bulletins', [
    '## Bulletins', '',
    `${measuredOn('npm run bench:bulletins')}; median of ${RUNS} on the ${DEFAULT_ISSUE_COUNT.toLocaleString('en')}-problem demo (SQLite).`, '',
    '| measured | figure | target |', '| --- | ---: | ---: |',
    `| a 日通报 issued whole: its figures gathered, its Word, PDF and Excel files written, then stored in one transaction | ${seconds(median(whole))} | ≤ 3 s |`,
    `| its figures (the day, the month, every street, department and grid; ${pages.overdueListed} problems overdue over 5 working days) | ${seconds(median(parts.figures))} | |`,
    `| its map of the grids by grade, drawn as SVG and rendered to a 300 dpi PNG | ${seconds(median(parts.map))} | |`,
    `| the Word file (${Math.round(pages.docxBytes / 1024)} kB) | ${seconds(median(parts.docx))} | |`,
    `| the PDF, its fonts subset and embedded (${Math.round(pages.pdfBytes / 1024)} kB) | ${seconds(median(parts.pdf))} | |`,
    `| the Excel file | ${seconds(median(parts.xlsx))} | |`,
    `| the process's memory at its height (resident) | ${Math.round(peak / 1048576)} MB | bounded |`,
    '',
    'Not measured yet: a 日通报 at 1,000,000 problems (target ≤ 10 s), and the map the documents are',
    'to carry (issue 21 goes on).',
  ]);
} finally {
  await store.close();
  seeded.remove();
  photoFolder.remove();
}

import { PassThrough, Readable } from 'node:stream';
import { setTimeout as wait } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { formatChinaDateTime } from '../domain/china-time.ts';
import { SOURCE_NAMES, STATE_NAMES } from '../domain/issue-names.ts';
import type { IssueFilters, Repositories } from '../store/repositories.ts';
import type { IssueSummary } from '../schemas/contract.ts';
import { ClientError, refusal } from '../errors.ts';

/**
 * A filtered problem list as the office files it: CSV (UTF-8 with a BOM, which Excel needs to
 * read Chinese) or xlsx, streamed a page at a time. Each page is one short query by id, newest
 * first, so a slow download never holds the database, and only a page is in memory however
 * many problems match; the response is paused while the client is behind.
 */

/** Problems read per query. */
const PAGE = 2000;
/** How far the xlsx may run ahead of a slow client before the next page waits. */
const BUFFERED_BYTES = 4 * 1024 * 1024;
/** An xlsx sheet holds 1,048,576 rows; beyond that, CSV. */
const XLSX_ROW_LIMIT = 1_048_575;

const time = (instant: string | null) => (instant === null ? '' : formatChinaDateTime(instant));

const COLUMNS: ReadonlyArray<[string, (issue: IssueSummary) => string | number]> = [
  ['问题编号', (issue) => issue.code], ['问题来源', (issue) => SOURCE_NAMES[issue.source]], ['问题大类', (issue) => issue.category.parentName],
  ['问题类别', (issue) => issue.category.name], ['问题描述', (issue) => issue.description], ['地址', (issue) => issue.address],
  ['经度', (issue) => issue.longitude], ['纬度', (issue) => issue.latitude], ['网格编码', (issue) => issue.grid.code], ['网格名称', (issue) => issue.grid.name],
  ['状态', (issue) => STATE_NAMES[issue.state]], ['责任部门', (issue) => issue.department?.name ?? ''], ['整改期限', (issue) => time(issue.deadlineAt)],
  ['是否超期', (issue) => (issue.overdue ? '超期' : '')], ['缓办', (issue) => (issue.extended ? '是' : '')], ['返工次数', (issue) => issue.reworkCount],
  ['上报时间', (issue) => time(issue.reportedAt)], ['交办时间', (issue) => time(issue.assignedAt)], ['整改完成时间', (issue) => time(issue.rectifiedAt)],
  ['销号时间', (issue) => time(issue.closedAt)], ['作废时间', (issue) => time(issue.voidedAt)],
];

/** The list's filters as the office reads them, for the export's notes sheet. */
const FILTER_NAMES: Record<string, string> = {
  grid: '网格', state: '状态', category: '问题类别', source: '问题来源', department: '责任部门（编号）', overdue: '只看超期', due: '期限',
  from: '上报时间自', to: '上报时间至', bbox: '地图范围',
};

/** What an export holds: when, by whom, how many, and each filter that chose them. */
export function exportDescription(query: Record<string, unknown>, now: number, by: string, total: number): Array<[string, string]> {
  return [
    ['导出时间', formatChinaDateTime(now)], ['导出人', by], ['问题数', String(total)],
    ...Object.entries(query).map(([name, value]): [string, string] => [FILTER_NAMES[name] ?? name, String(value)]),
  ];
}

/** The matching problems a page at a time, newest first, each page read by its own query. */
async function* pages(repositories: Repositories, filters: IssueFilters, now: number, total: number): AsyncGenerator<IssueSummary[]> {
  let before: number | undefined;
  for (;;) {
    const page = await repositories.issues.list(filters, { limit: PAGE, before }, now, total);
    if (page.items.length > 0) yield page.items;
    if (page.nextCursor === null) return;
    before = Number(page.nextCursor);
  }
}

function problemListCsv(repositories: Repositories, filters: IssueFilters, now: number, total: number): Readable {
  async function* chunks() {
    yield `\uFEFF${stringify([COLUMNS.map(([header]) => header)])}`;
    for await (const items of pages(repositories, filters, now, total)) yield stringify(items.map((issue) => COLUMNS.map(([, value]) => value(issue))));
  }
  // Readable.from pulls the next page only when the client has taken the last.
  return Readable.from(chunks(), { objectMode: false });
}

/** An xlsx of the problems, and a second sheet saying what was exported: the filters, when, by whom, how many. */
function problemListXlsx(repositories: Repositories, filters: IssueFilters, now: number, total: number, description: ReadonlyArray<[string, string]>): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  (async () => {
    const sheet = workbook.addWorksheet('问题清单');
    sheet.columns = COLUMNS.map(([header]) => ({ header, width: header === '问题描述' || header === '地址' ? 40 : 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const items of pages(repositories, filters, now, total)) {
      for (const issue of items) sheet.addRow(COLUMNS.map(([, value]) => value(issue))).commit();
      // The zip stream is ahead of the client: wait for it to catch up before reading on.
      while (output.readableLength > BUFFERED_BYTES && !output.destroyed) await wait(20);
      if (output.destroyed) return;
    }
    sheet.commit();
    const about = workbook.addWorksheet('导出说明');
    for (const row of description) about.addRow([...row]).commit();
    about.commit();
    await workbook.commit();
  })().catch((error: Error) => output.destroy(error));
  return output;
}

export const PROBLEM_LIST_FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8', described: 'CSV (UTF-8 with a BOM)' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', described: 'xlsx, with a sheet saying the filters' },
} as const;
export type ProblemListFormat = keyof typeof PROBLEM_LIST_FORMATS;

/**
 * The list as a file: CSV for any number of problems, xlsx for as many as a sheet holds (a
 * larger list is refused, naming the way out). `describe` says what was exported, for the xlsx.
 */
export function problemListFile(format: ProblemListFormat, repositories: Repositories, filters: IssueFilters, now: number, total: number,
  describe: () => ReadonlyArray<[string, string]>): { contentType: string; body: Readable } {
  const { contentType } = PROBLEM_LIST_FORMATS[format];
  if (format === 'csv') return { contentType, body: problemListCsv(repositories, filters, now, total) };
  if (total > XLSX_ROW_LIMIT) throw new ClientError(400, `the list holds ${total} problems, more than a sheet's ${XLSX_ROW_LIMIT} rows: export it as CSV, or narrow the filters`, refusal('too_many_rows', { rows: total, maximum: XLSX_ROW_LIMIT }));
  return { contentType, body: problemListXlsx(repositories, filters, now, total, describe()) };
}

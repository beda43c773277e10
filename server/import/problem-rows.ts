import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { ImportFileError } from './import-errors.ts';

/**
 * The rows of a problem export (12345, 数字城管) as they stream out of the file: an xlsx's first
 * sheet through exceljs's streaming reader, or a CSV (UTF-8, or GBK as Chinese systems often
 * write it) through csv-parse, so that a year of problems is never held as a workbook in memory.
 * The first row yielded is the header.
 */

/** A cell as the file holds it: text, a number, or a date (an xlsx date cell, read as written). */
export type CellValue = string | number | Date | null;

export interface SheetRow {
  /** The row's number in the file, as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: CellValue[];
}

export type ProblemFileFormat = 'xlsx' | 'csv';

export function problemFileFormat(fileName: string, bytes: Uint8Array): ProblemFileFormat {
  // An xlsx is a zip: it starts with PK\x03\x04 whatever it is named.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (/\.xlsx?$/i.test(fileName)) throw new ImportFileError(`'${fileName}' is named as a workbook but is not an xlsx file (an old .xls must be saved as .xlsx)`);
  return 'csv';
}

export async function* problemFileRows(fileName: string, bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const format = problemFileFormat(fileName, bytes);
  try {
    if (format === 'xlsx') yield* workbookRows(bytes);
    else yield* csvRows(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the ${format === 'xlsx' ? 'workbook' : 'CSV file'} cannot be read: ${(error as Error).message}`);
  }
}

async function* workbookRows(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      yield { row: row.number, cells: (row.values as unknown[]).slice(1).map(cellValue) };
    }
    // The export's data is its first sheet; any other (notes, a pivot) is not problems.
    return;
  }
  throw new ImportFileError('the workbook has no sheet');
}

function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellValue(cell.result);
    if (typeof cell.text === 'string') return cell.text;
    if (cell.error) return null;
  }
  return String(value);
}

/** Valid UTF-8 (with or without a BOM), else GBK: Excel's "CSV" on a Chinese Windows writes GBK. */
export function csvEncoding(bytes: Uint8Array): 'utf-8' | 'gbk' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

async function* csvRows(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const text = new TextDecoder(csvEncoding(bytes)).decode(bytes);
  const parser = Readable.from([text]).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: record.info.lines, cells: record.record };
  }
}

import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportFileError } from './import-errors.ts';
import { xlsxRows } from './xlsx-rows.ts';

/**
 * The rows of a problem export (12345, 数字城管) as they stream out of the file: an xlsx's first
 * sheet (xlsx-rows.ts), or a CSV (UTF-8, or GBK as Chinese systems often
 * write it) through csv-parse, so that a year of problems is never held as a workbook in memory.
 * The first row yielded is the header.
 */

/** A cell as the file holds it: text, or a number (an xlsx date is its serial day). */
export type CellValue = string | number | null;

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
    if (format === 'xlsx') yield* xlsxRows(bytes);
    else yield* csvRows(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the ${format === 'xlsx' ? 'workbook' : 'CSV file'} cannot be read: ${(error as Error).message}`);
  }
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

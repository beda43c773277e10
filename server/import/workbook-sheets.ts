import ExcelJS from 'exceljs';
import { ImportFileError } from './import-errors.ts';

/**
 * The office's workbooks (organization, inspection points): sheets found by name, columns by
 * their Chinese header, every cell read as the text Excel shows; each fault said as
 * `工作表!行: 列: 问题`. The template and the export are written in the same form, so that
 * exporting and importing again changes nothing.
 */

export interface SheetDefinition {
  name: string;
  columns: readonly string[];
}

/** A fault in a workbook, said as `工作表!行: 列: 问题`. */
export interface SheetProblem {
  sheet: string;
  row: number;
  column: string;
  problem: string;
}

export const describeProblem = ({ sheet, row, column, problem }: SheetProblem) => `${sheet}!${row}: ${column}: ${problem}`;

export async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(`the workbook cannot be opened: ${(error as Error).message}`);
  }
  return workbook;
}

/** A sheet's filled rows, each cell by its column's header; a missing sheet or column is a problem. */
export function namedSheetRows(workbook: ExcelJS.Workbook, sheet: SheetDefinition, problems: SheetProblem[]): Array<{ row: number; cells: Record<string, string> }> {
  const worksheet = workbook.getWorksheet(sheet.name);
  if (!worksheet) {
    problems.push({ sheet: sheet.name, row: 1, column: '—', problem: `the workbook has no sheet named ${sheet.name}; start from the template` });
    return [];
  }
  const header = (worksheet.getRow(1).values as unknown[]).slice(1).map((value) => String(value ?? '').trim());
  const positions = sheet.columns.map((column) => header.indexOf(column) + 1);
  sheet.columns.forEach((column, index) => {
    if (positions[index] === 0) problems.push({ sheet: sheet.name, row: 1, column, problem: 'this column is missing from the header' });
  });
  const rows: Array<{ row: number; cells: Record<string, string> }> = [];
  worksheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = Object.fromEntries(sheet.columns.map((column, index) => [column, positions[index] ? cellText(row.getCell(positions[index]!)) : '']));
    if (Object.values(cells).some((value) => value !== '')) rows.push({ row: number, cells });
  });
  return rows;
}

/**
 * A cell as Excel shows it. A date cell holds its wall-clock reading (exceljs gives it as if it
 * were UTC): written back as `2026-03-01`, or `2026-03-01 08:30` when it has a time of day.
 */
function cellText(cell: ExcelJS.Cell): string {
  if (cell.value instanceof Date) {
    const text = cell.value.toISOString();
    return text.endsWith('T00:00:00.000Z') ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)}`;
  }
  return cell.text.trim();
}

/** Whether a value was listed already in a sheet's column; the repeat is a problem naming the first row. */
export function firstListing(problems: SheetProblem[]) {
  const first = new Map<string, number>();
  return (sheet: string, row: number, column: string, value: string) => {
    const earlier = first.get(value);
    if (earlier !== undefined) problems.push({ sheet, row, column, problem: `'${value}' is listed already, in row ${earlier}` });
    else first.set(value, row);
    return earlier === undefined;
  };
}

/** A workbook of the given sheets (bold header, rows under it) and a notes sheet, as bytes. */
export async function writeWorkbook(sheets: ReadonlyArray<{ definition: SheetDefinition; rows: ReadonlyArray<ReadonlyArray<string | number | null>> }>, notes: readonly string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const { definition, rows } of sheets) {
    const worksheet = workbook.addWorksheet(definition.name);
    worksheet.addRow([...definition.columns]).font = { bold: true };
    for (const row of rows) worksheet.addRow([...row]);
    worksheet.columns.forEach((column) => { column.width = 22; });
  }
  const notesSheet = workbook.addWorksheet('说明');
  for (const line of notes) notesSheet.addRow([line]);
  notesSheet.getColumn(1).width = 120;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

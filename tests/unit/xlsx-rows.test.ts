import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { xlsxRows } from '../../server/import/xlsx-rows.ts';
import { instantOf } from '../../server/import/problem-mapping.ts';
import { ImportFileError } from '../../server/import/import-errors.ts';
import type { SheetRow } from '../../server/import/problem-rows.ts';

/** Enough Chinese text that many characters fall across the inflater's chunk boundaries. */
const ROWS = 20_000;
const description = (index: number) => `第${index}号：市民反映暴露垃圾清运不及时，楼道堆物，牛皮癣小广告。`;

async function readAll(bytes: Uint8Array): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of xlsxRows(bytes)) rows.push(row);
  return rows;
}

function expectEveryRowWhole(rows: SheetRow[]) {
  expect(rows).toHaveLength(ROWS + 1);
  expect(rows[0]!.cells).toEqual(['工单编号', '受理时间', '诉求内容', '经度']);
  const garbled = rows.filter((row) => row.cells.some((cell) => typeof cell === 'string' && cell.includes('\uFFFD')));
  expect(garbled).toEqual([]);
  rows.slice(1).forEach((row, index) => {
    expect(row.row).toBe(index + 2);
    expect(row.cells[2]).toBe(description(index));
  });
}

describe('reading an xlsx sheet a slice at a time', () => {
  it('keeps every Chinese character of a workbook as Excel writes it (shared strings), and its dates as serial days', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(['工单编号', '受理时间', '诉求内容', '经度']);
    for (let index = 0; index < ROWS; index += 1) sheet.addRow([`GD${index}`, new Date(Date.UTC(2026, 2, 1, 8, 30)), description(index), 120.1 + index / 1e6]);
    const rows = await readAll(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expectEveryRowWhole(rows);
    expect(instantOf(rows[1]!.cells[1])).toBe(Date.parse('2026-03-01T08:30:00+08:00'));
    expect(rows[5]!.cells[3]).toBeCloseTo(120.100004, 9);
  });

  it('keeps them in a workbook written row by row with inline strings, as exporting systems stream them', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false });
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(['工单编号', '受理时间', '诉求内容', '经度']).commit();
    for (let index = 0; index < ROWS; index += 1) sheet.addRow([`GD${index}`, '2026-03-01 08:30', description(index), 120.1]).commit();
    await workbook.commit();
    expectEveryRowWhole(await readAll(new Uint8Array(Buffer.concat(chunks))));
  });

  it('places cells by their reference, leaving skipped ones empty, and reads rich text, formulas and booleans as shown', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.getCell('A1').value = '编号';
    sheet.getCell('C1').value = { richText: [{ text: '问题' }, { text: '描述', font: { bold: true } }] };
    sheet.getCell('A2').value = { formula: '1+1', result: 2 };
    sheet.getCell('B2').value = true;
    sheet.getCell('AA2').value = '远处';
    const rows = await readAll(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(rows[0]!.cells).toEqual(['编号', null, '问题描述']);
    expect(rows[1]!.cells.slice(0, 2)).toEqual([2, 'TRUE']);
    expect(rows[1]!.cells[26]).toBe('远处');
  });

  it('refuses a zip that is no workbook', async () => {
    await expect(readAll(zipSync({ 'readme.txt': strToU8('hello') }))).rejects.toThrow(ImportFileError);
  });
});

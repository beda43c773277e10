import ExcelJS from 'exceljs';
import { pointOnFeature } from '@turf/turf';
import type { GridCollection } from '../../server/schemas/contract.ts';
import { fromWgs84 } from '../../server/import/coordinate-systems.ts';

/**
 * Problem exports as 12345 and 数字城管 platforms write them, built by the tests: Chinese headers,
 * China-time text dates, coordinates in GCJ-02 as AMap's picker gives them.
 */
export const HOTLINE_HEADERS = ['工单编号', '受理时间', '问题类别', '诉求内容', '发生地址', '经度', '纬度', '办理状态', '承办单位', '办理时限', '办结时间', '网格编码'];

export type ExportRow = Array<string | number | Date | null>;

/** A point inside each grid, in WGS84, keyed by code: where the test's problems truly are. */
export function gridInteriors(grids: GridCollection): Map<string, [number, number]> {
  return new Map(grids.features.map((feature) => [feature.properties.code, pointOnFeature(feature).geometry.coordinates as [number, number]]));
}

export function toGcj02(position: [number, number]): [number, number] {
  return fromWgs84('GCJ-02')(position) as [number, number];
}

export async function exportWorkbook(headers: string[], rows: ExportRow[], sheetName = '工单'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A CSV as Excel writes one: CRLF lines, quoted where needed. */
export function exportCsv(headers: string[], rows: ExportRow[]): string {
  const quoted = (value: string | number | Date | null) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [headers, ...rows].map((row) => row.map(quoted).join(',')).join('\r\n');
}

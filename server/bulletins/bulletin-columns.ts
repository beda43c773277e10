import type { BulletinCell, BulletinTable } from './bulletin-content.ts';

/** How a bulletin's tables share the type area, the same in its Word and PDF files. Lengths in points. */

/** GB/T 9704's type area is 156 mm wide. */
export const TYPE_AREA_WIDTH = (156 / 25.4) * 72;
/** A table's text is 小四 (12 pt); a cell's margins take 0.15 inch. */
export const TABLE_EM = 12;
const CELL_MARGINS = 10.8;
/** Columns that ask for no more than this many em (numbers, short names) keep their width when a table is too wide. */
const NARROW_COLUMN_EM = 4;

/** A cell as printed: "—" where there is nothing to show. */
export const cellText = (value: BulletinCell) => (value === null ? '—' : String(value));

/** A text's width in em: a Chinese character is one, a Latin letter or digit about half. */
const emWidth = (text: string) => [...text].reduce((sum, character) => sum + (character.codePointAt(0)! >= 0x2e80 ? 1 : 0.55), 0);

/** A cell that must not wrap: one run of Latin letters, digits and signs, as a problem's code or a number. */
const isToken = (text: string) => /^[\x21-\x7e]+$/.test(text);

/**
 * Each column as wide as its longest cell asks, up to 14 em (longer text wraps), with its heading
 * in at most two lines. A table narrower than the type area is widened in proportion; a wider one
 * narrows its wide columns of text only, so that numbers and codes never wrap.
 */
export function columnWidths(table: BulletinTable, total = TYPE_AREA_WIDTH): number[] {
  const wants = table.columns.map((column, index) => Math.max(2, Math.min(3, emWidth(column) / 2), ...table.rows.map((row) => Math.min(14, emWidth(cellText(row[index] ?? null))))));
  const kept = table.columns.map((_, index) => wants[index]! <= NARROW_COLUMN_EM || (table.rows.length > 0 && table.rows.every((row) => isToken(cellText(row[index] ?? null)))));
  const needs = wants.map((want) => want * TABLE_EM + CELL_MARGINS);
  const sum = needs.reduce((a, b) => a + b, 0);
  if (sum <= total) return needs.map((need) => (need / sum) * total);
  const narrow = needs.reduce((width, need, index) => width + (kept[index] ? need : 0), 0);
  const wideScale = (total - narrow) / (sum - narrow);
  return needs.map((need, index) => (kept[index] ? need : need * wideScale));
}

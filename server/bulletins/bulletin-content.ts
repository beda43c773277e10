/**
 * A bulletin as the office reads it, before it is any file: its series and number, who issues it
 * and when, its title, and its body as headings, paragraphs and tables. The Word, PDF and Excel
 * files are each written from this one value, so that they cannot disagree.
 */

import type { District } from '../store/districts.ts';

export const BULLETIN_SERIES = ['daily', 'weekly', 'monthly', 'special'] as const;
export type BulletinSeries = (typeof BULLETIN_SERIES)[number];

/** The masthead each series is issued under (报头). */
export const SERIES_MASTHEADS: Record<BulletinSeries, string> = {
  daily: '创城工作日通报',
  weekly: '创城工作周通报',
  monthly: '创城工作月通报',
  special: '创城督查专报',
};

export type BulletinCell = string | number | null;

export interface BulletinTable {
  /** Its caption in the document, and its sheet's name in the workbook (at most 31 characters). */
  title: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly BulletinCell[]>;
}

/** A picture in the bulletin (a map as PNG, photos as JPEG), and the size it prints at. */
export interface BulletinImage {
  data: Uint8Array;
  type: 'png' | 'jpg';
  widthMillimetres: number;
  heightMillimetres: number;
}

export type BulletinBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: BulletinTable }
  | { kind: 'figure'; caption: string; image: BulletinImage };

export interface BulletinContent {
  series: BulletinSeries;
  /** The issuing office, as on the masthead line and the imprint (印发机关). */
  office: string;
  /** Who receives it (分送), on the imprint. */
  recipients: string;
  /** 期号: its number in the series within its year; null for a draft. */
  number: number | null;
  year: number;
  /** The China day it is issued, YYYY-MM-DD. */
  issuedOn: string;
  title: string;
  /** A line under the title, such as the day reported, or null. */
  subtitle: string | null;
  /** The bulletin a correction replaces, named on it. */
  corrects: { year: number; number: number; title: string } | null;
  blocks: readonly BulletinBlock[];
}

/** "2026年12月2日", as dates are written in official documents. */
export function officialDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

/** "12月2日": a date within the year the text already names. */
export const monthDay = (day: string) => officialDate(day).replace(/^\d+年/, '');

/** "2026年第12期", or "（草稿）" for a draft. */
export function issueLine({ year, number }: Pick<BulletinContent, 'year' | 'number'>): string {
  return number === null ? `${year}年（草稿，未编号）` : `${year}年第${number}期`;
}

/** A rate rounded as a bulletin prints it, in its tables and its text alike: one decimal. */
export const roundedRate = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 10) / 10);

/** A percentage as the bulletin's text says it, or "—" when there is nothing to divide. */
export function percentText(rate: number | null): string {
  const rounded = roundedRate(rate);
  return rounded === null ? '—' : `${rounded}%`;
}

/** Every table in a bulletin, in order: the workbook's sheets. */
export const tablesOf = (content: BulletinContent): BulletinTable[] =>
  content.blocks.flatMap((block) => (block.kind === 'table' ? [block.table] : []));

/**
 * The content as the archive keeps it beside the files: a figure's picture is in the files
 * already, so it keeps the picture's size and SHA-256 rather than its bytes.
 */
export const archivedContent = (content: BulletinContent, sha256: (bytes: Uint8Array) => string) => ({
  ...content,
  blocks: content.blocks.map((block) => (block.kind === 'figure'
    ? { kind: block.kind, caption: block.caption, image: { sha256: sha256(block.image.data), type: block.image.type, widthMillimetres: block.image.widthMillimetres, heightMillimetres: block.image.heightMillimetres } }
    : block)),
});

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 12 → 十二, 40 → 四十: the numbers of sections as documents write them (to 99). */
export function chineseNumber(value: number): string {
  const [tens, units] = [Math.floor(value / 10), value % 10];
  if (tens === 0) return DIGITS[units]!;
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[units]}`;
}

/** Who issues a district's bulletins, and who receives them. */
export const bulletinOffice = (district: District) => ({
  office: `${district.name}创建全国文明城市指挥部办公室`,
  recipients: '区创城指挥部各成员，各包片县级领导，各网格责任部门，各街道办事处',
});

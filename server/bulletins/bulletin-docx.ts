import {
  AlignmentType, BorderStyle, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, Tab, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type IRunOptions,
} from 'docx';
import { issueLine, officialDate, SERIES_MASTHEADS, type BulletinBlock, type BulletinContent, type BulletinTable } from './bulletin-content.ts';
import { cellText, columnWidths } from './bulletin-columns.ts';

/**
 * A bulletin as a Word document in the layout of official documents (GB/T 9704-2012): A4 with
 * its type area of 156 × 225 mm, the red masthead and issue line over a red rule, the title in
 * 小标宋, the body in 3号仿宋 at 22 lines a page, first-level headings in 黑体 and second-level in
 * 楷体, page numbers "— N —" in 4号宋体 at the outer edge, and the imprint (版记) at the end.
 * The fonts are named as the office's machines have them; Word substitutes on a machine without.
 */

const RED = 'FF0000';
/** Font sizes in half-points: 小初 36 pt, 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt. */
const SIZE = { masthead: 72, title: 44, body: 32, footer: 28, table: 24 } as const;
const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
/** 28 characters of 3号 a line and 22 lines a page fill the type area: lines exactly 28.95 pt apart (in twips). */
const BODY_LINE = 579;
const MILLIMETRE = 56.7;

/** Chinese in the font named, Latin letters and digits in Times New Roman, as official documents set them. */
const fontsFor = (font: string) => ({ eastAsia: font, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
const run = (text: string, font: string, size: number, options: IRunOptions = {}) => new TextRun({ text, size, font: fontsFor(font), ...options });
/** Text after a tab, which the paragraph's right tab stop sets flush right. */
const flushRight = (text: string, font: string, size: number) => new TextRun({ children: [new Tab(), text], size, font: fontsFor(font) });

const bodyParagraph = (text: string) => new Paragraph({
  children: [run(text, FONTS.body, SIZE.body)],
  indent: { firstLine: 640 },
  alignment: AlignmentType.JUSTIFIED,
  spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
});

const cellLine = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const tableBorders = { top: cellLine, bottom: cellLine, left: cellLine, right: cellLine, insideHorizontal: cellLine, insideVertical: cellLine };
/**
 * A table's cells take their font, size and centring from two paragraph styles, and their rules
 * from the table: a list of thousands of problems is then a small file, written in seconds.
 */
const TABLE_STYLES = [
  { id: 'TableText', name: 'Table Text', run: { size: SIZE.table, font: fontsFor(FONTS.body) }, paragraph: { alignment: AlignmentType.CENTER } },
  { id: 'TableHeading', name: 'Table Heading', run: { size: SIZE.table, font: fontsFor(FONTS.heading) }, paragraph: { alignment: AlignmentType.CENTER } },
];

const TYPE_AREA_WIDTH = Math.round(156 * MILLIMETRE);

function tableOf(table: BulletinTable): Array<Paragraph | Table> {
  // Points to twips.
  const widths = columnWidths(table).map((points) => Math.floor(points * 20));
  const cell = (text: string, header: boolean) => new TableCell({
    children: [new Paragraph({ style: header ? 'TableHeading' : 'TableText', children: [new TextRun(text)] })],
  });
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120, after: 60 }, children: [run(table.title, FONTS.heading, SIZE.table)] }),
    new Table({
      width: { size: TYPE_AREA_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: tableBorders,
      rows: [
        new TableRow({ tableHeader: true, children: table.columns.map((column) => cell(column, true)) }),
        ...table.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value) => cell(cellText(value), false)) })),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function blockOf(block: BulletinBlock): Array<Paragraph | Table> {
  if (block.kind === 'paragraph') return [bodyParagraph(block.text)];
  if (block.kind === 'table') return tableOf(block.table);
  if (block.kind === 'figure') {
    // Word sizes pictures in pixels of 1/96 inch.
    const pixels = (millimetres: number) => Math.round((millimetres / 25.4) * 96);
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [new ImageRun({ type: block.image.type, data: block.image.data, transformation: { width: pixels(block.image.widthMillimetres), height: pixels(block.image.heightMillimetres) }, altText: { name: block.caption, description: block.caption, title: block.caption } })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(block.caption, FONTS.heading, SIZE.table)] }),
    ];
  }
  return [new Paragraph({
    children: [run(block.text, block.level === 1 ? FONTS.heading : FONTS.subheading, SIZE.body)],
    keepNext: true,
    indent: { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
  })];
}

const pageNumberFooter = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) => new Footer({
  children: [new Paragraph({
    alignment,
    indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
    children: [run('— ', FONTS.pageNumber, SIZE.footer), new TextRun({ children: [PageNumber.CURRENT], size: SIZE.footer, font: 'Times New Roman' }), run(' —', FONTS.pageNumber, SIZE.footer)],
  })],
});

const rule = (color: string, size: number) => ({ style: BorderStyle.SINGLE, size, color, space: 4 });

export async function bulletinDocx(content: BulletinContent): Promise<Buffer> {
  const masthead = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(SERIES_MASTHEADS[content.series], FONTS.title, SIZE.masthead, { color: RED })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(issueLine(content), FONTS.body, SIZE.body)] }),
    new Paragraph({
      // The office at the left and the date at the right of one line, over the red rule (分隔线).
      tabStops: [{ type: 'right', position: Math.round(156 * MILLIMETRE) }],
      border: { bottom: rule(RED, 18) },
      spacing: { after: 480 },
      children: [run(content.office, FONTS.body, SIZE.body), flushRight(officialDate(content.issuedOn), FONTS.body, SIZE.body)],
    }),
  ];
  const title = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: content.subtitle ? 0 : 240, line: 700, lineRule: LineRuleType.AT_LEAST }, children: [run(content.title, FONTS.title, SIZE.title)] }),
    ...(content.subtitle ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(content.subtitle, FONTS.subheading, SIZE.body)] })] : []),
    ...(content.corrects ? [bodyParagraph(`本期更正${content.corrects.year}年第${content.corrects.number}期《${content.corrects.title}》，原期作废，以本期为准。`)] : []),
  ];
  const imprint = [
    new Paragraph({ spacing: { before: 600 }, border: { top: rule('000000', 8), bottom: rule('000000', 4) }, indent: { left: 280, right: 280 }, children: [run(`分送：${content.recipients}。`, FONTS.body, SIZE.footer)] }),
    new Paragraph({
      tabStops: [{ type: 'right', position: Math.round(156 * MILLIMETRE) - 280 }],
      border: { bottom: rule('000000', 8) },
      indent: { left: 280 },
      children: [run(content.office, FONTS.body, SIZE.footer), flushRight(`${officialDate(content.issuedOn)}印发`, FONTS.body, SIZE.footer)],
    }),
  ];
  const document = new Document({
    creator: content.office,
    title: content.title,
    evenAndOddHeaderAndFooters: true,
    styles: { paragraphStyles: TABLE_STYLES },
    sections: [{
      properties: {
        page: {
          size: { width: Math.round(210 * MILLIMETRE), height: Math.round(297 * MILLIMETRE) },
          margin: { top: Math.round(37 * MILLIMETRE), bottom: Math.round(35 * MILLIMETRE), left: Math.round(28 * MILLIMETRE), right: Math.round(26 * MILLIMETRE), footer: Math.round(7 * MILLIMETRE) + 567 },
        },
      },
      // Odd pages number at the right, even pages at the left, one character in from the edge.
      footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
      children: [...masthead, ...title, ...content.blocks.flatMap(blockOf), ...imprint],
    }],
  });
  return Packer.toBuffer(document);
}

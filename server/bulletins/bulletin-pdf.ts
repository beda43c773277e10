import PDFDocument from 'pdfkit';
import { cellText, columnWidths, TABLE_EM, TYPE_AREA_WIDTH } from './bulletin-columns.ts';
import { FONT_FILES } from './bulletin-fonts.ts';
import { issueLine, officialDate, SERIES_MASTHEADS, type BulletinBlock, type BulletinContent } from './bulletin-content.ts';

/**
 * A bulletin as a PDF for reading and printing, laid out as its Word file (GB/T 9704: A4, the
 * 156 × 225 mm type area, red masthead and rule, 22 lines a page, page numbers at the outer
 * edge), with the fonts it needs embedded: subsets of Noto Serif and Sans CJK SC that ship in
 * data/fonts (GB 2312's characters; see its README) — bold serif for the 小标宋 of titles, serif
 * for the 仿宋 of the body, bold sans for the 黑体 of headings — each cut again to the characters
 * the document uses.
 */

const MILLIMETRE = 72 / 25.4;
const RED = '#ff0000';
const SIZE = { masthead: 36, title: 22, body: 16, pageNumber: 14 } as const;
/** 22 lines a page in the 225 mm type area. */
const LINE_PITCH = 28.95;

export function bulletinPdf(content: BulletinContent): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margins: { top: 37 * MILLIMETRE, bottom: 35 * MILLIMETRE, left: 28 * MILLIMETRE, right: 26 * MILLIMETRE },
    bufferPages: true,
    info: { Title: content.title, Author: content.office, Creator: 'CivGrid' },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolveDone, reject) => {
    document.on('end', () => resolveDone(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  for (const [name, path] of Object.entries(FONT_FILES)) document.registerFont(name, path);
  const left = document.page.margins.left;

  /** Text in the body's rhythm: lines 28.95 pt apart, whatever the font's own line height. */
  const lines = (text: string, font: keyof typeof FONT_FILES, size: number, options: PDFKit.Mixins.TextOptions = {}) => {
    document.font(font).fontSize(size);
    document.text(text, left, document.y, { width: TYPE_AREA_WIDTH, lineGap: Math.max(0, LINE_PITCH - document.currentLineHeight()), ...options });
  };
  const rule = (color: string, width: number) => {
    document.moveTo(left, document.y).lineTo(left + TYPE_AREA_WIDTH, document.y).lineWidth(width).strokeColor(color).stroke();
  };
  /**
   * A table ruled as in the Word file under its caption, its heading row repeated at the top of
   * each page it runs onto; each cell's text centred and wrapped to its column. The caption starts
   * a page when its heading row and first row would not follow it there. (Drawn here: PDFKit's own tables
   * measured a 60-row table for over ten seconds with a CJK font.)
   */
  const table = (title: string, columns: readonly string[], rows: ReadonlyArray<readonly string[]>, widths: number[]) => {
    const padding = 3;
    const pageBottom = () => document.page.height - document.page.margins.bottom;
    /** A row's cells measured once: each text's height, and the row's (the tallest and the padding). */
    const measured = (cells: readonly string[], font: keyof typeof FONT_FILES) => {
      document.font(font).fontSize(TABLE_EM);
      const textHeights = cells.map((text, index) => document.heightOfString(text, { width: widths[index]! - 2 * padding }));
      return { cells, font, textHeights, height: Math.max(...textHeights) + 2 * padding };
    };
    const draw = ({ cells, font, textHeights, height }: ReturnType<typeof measured>) => {
      const top = document.y;
      let x = left;
      document.font(font).fontSize(TABLE_EM).lineWidth(0.5).strokeColor('black');
      cells.forEach((text, index) => {
        const width = widths[index]!;
        document.rect(x, top, width, height).stroke();
        document.text(text, x + padding, top + (height - textHeights[index]!) / 2, { width: width - 2 * padding, align: 'center' });
        x += width;
      });
      document.x = left;
      document.y = top + height;
    };
    const heading = measured(columns, 'heading');
    const first = rows.length > 0 ? measured(rows[0]!, 'body').height : 0;
    if (document.y + 2 * LINE_PITCH + heading.height + first > pageBottom()) document.addPage();
    document.moveDown(0.3);
    lines(title, 'heading', TABLE_EM, { align: 'center', lineGap: 4 });
    draw(heading);
    for (const row of rows) {
      const cells = measured(row, 'body');
      if (document.y + cells.height > pageBottom()) {
        document.addPage();
        draw(heading);
      }
      draw(cells);
    }
  };
  // A heading (and a table's caption) stays with the start of what follows it: a figure whole,
  // a table's caption, heading row and first row, or two lines of text.
  const startHeight = (each: BulletinBlock | undefined): number => {
    if (each?.kind === 'figure') return each.image.heightMillimetres * MILLIMETRE + 2 * LINE_PITCH;
    if (each?.kind === 'table') return 4 * LINE_PITCH;
    return 2 * LINE_PITCH;
  };
  const block = (each: BulletinBlock) => {
    if (each.kind === 'paragraph') return lines(each.text, 'body', SIZE.body, { indent: 2 * SIZE.body, align: 'justify' });
    if (each.kind === 'heading') return lines(each.text, each.level === 1 ? 'heading' : 'body', SIZE.body, { indent: 2 * SIZE.body });
    if (each.kind === 'figure') {
      const width = each.image.widthMillimetres * MILLIMETRE;
      const height = each.image.heightMillimetres * MILLIMETRE;
      // A figure and its caption are never parted by a page break.
      if (document.y + height + 2 * LINE_PITCH > document.page.height - document.page.margins.bottom) document.addPage();
      document.image(Buffer.from(each.image.data), left + (TYPE_AREA_WIDTH - width) / 2, document.y + 6, { width, height });
      document.y += height + 12;
      lines(each.caption, 'heading', TABLE_EM, { align: 'center', lineGap: 4 });
      document.moveDown(0.5);
      return undefined;
    }
    table(each.table.title, each.table.columns, each.table.rows.map((row) => row.map(cellText)), columnWidths(each.table));
    document.moveDown(0.5);
    return undefined;
  };

  // 版头: the masthead in red, the issue line, the office and the date over the red rule.
  document.fillColor(RED);
  lines(SERIES_MASTHEADS[content.series], 'title', SIZE.masthead, { align: 'center', lineGap: 12 });
  document.fillColor('black');
  lines(issueLine(content), 'body', SIZE.body, { align: 'center' });
  const officeLine = document.y;
  lines(content.office, 'body', SIZE.body, { lineBreak: false });
  document.text(officialDate(content.issuedOn), left, officeLine, { width: TYPE_AREA_WIDTH, align: 'right' });
  document.y += 4;
  rule(RED, 1.5);
  document.y += 24;

  lines(content.title, 'title', SIZE.title, { align: 'center', lineGap: 10 });
  if (content.subtitle) lines(content.subtitle, 'body', SIZE.body, { align: 'center' });
  document.y += 12;
  if (content.corrects) block({ kind: 'paragraph', text: `本期更正${content.corrects.year}年第${content.corrects.number}期《${content.corrects.title}》，原期作废，以本期为准。` });
  content.blocks.forEach((each, index) => {
    if (each.kind === 'heading' && document.y + LINE_PITCH + startHeight(content.blocks[index + 1]) > document.page.height - document.page.margins.bottom) document.addPage();
    block(each);
  });

  // 版记: who receives it and who issued it when, between rules.
  document.y += 24;
  rule('black', 1);
  document.y += 6;
  lines(`分送：${content.recipients}。`, 'body', SIZE.pageNumber, { indent: SIZE.pageNumber, lineGap: 6 });
  rule('black', 0.5);
  document.y += 6;
  const imprintLine = document.y;
  lines(content.office, 'body', SIZE.pageNumber, { indent: SIZE.pageNumber, lineBreak: false });
  document.text(`${officialDate(content.issuedOn)}印发`, left, imprintLine, { width: TYPE_AREA_WIDTH - SIZE.pageNumber, align: 'right' });
  document.y += 6;
  rule('black', 1);

  // Page numbers "— N —" a character in from the outer edge: odd pages at the right, even at the left.
  const pages = document.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    document.switchToPage(pages.start + index);
    const { margins, height } = document.page;
    const bottom = margins.bottom;
    document.page.margins.bottom = 0;
    document.font('body').fontSize(SIZE.pageNumber).fillColor('black');
    document.text(`— ${index + 1} —`, left + SIZE.pageNumber, height - bottom + 7 * MILLIMETRE, {
      width: TYPE_AREA_WIDTH - 2 * SIZE.pageNumber, align: index % 2 === 0 ? 'right' : 'left', lineBreak: false,
    });
    document.page.margins.bottom = bottom;
  }
  document.end();
  return done;
}

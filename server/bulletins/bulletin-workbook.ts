import { writeWorkbook } from '../import/workbook-sheets.ts';
import { issueLine, officialDate, SERIES_MASTHEADS, tablesOf, type BulletinContent } from './bulletin-content.ts';

/** Excel forbids these in a sheet's name and allows 31 characters. */
const sheetName = (title: string, index: number) => `${index + 1} ${title.replace(/[[\]:*?/\\]/g, ' ')}`.slice(0, 31);

/** Every table of a bulletin as a sheet, in the document's order, with the same cells; a note sheet says which bulletin. */
export function bulletinWorkbook(content: BulletinContent): Promise<Uint8Array> {
  return writeWorkbook(
    tablesOf(content).map((table, index) => ({ definition: { name: sheetName(table.title, index), columns: table.columns }, rows: table.rows })),
    [
      `${SERIES_MASTHEADS[content.series]} ${issueLine(content)}：${content.title}`,
      `${content.office}，${officialDate(content.issuedOn)}。`,
      '各表与通报正文中的表格相同；比率为百分数，“—”表示没有可计算的样本。',
    ],
  );
}

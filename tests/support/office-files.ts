import { unzipSync, strFromU8 } from 'fflate';
import { DOMParser, type Element } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Reading back what the office's files say, as a recipient's Word and Excel would. */

const WORD = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A Word document's paragraphs (outside tables) and tables (rows of cell texts), in order, and its footers' XML. */
export function readDocx(bytes: Uint8Array): { xml: string; footers: string[]; paragraphs: string[]; tables: string[][][] } {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!);
  const footers = Object.keys(files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).sort().map((name) => strFromU8(files[name]!));
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const textOf = (element: Element) => Array.from(element.getElementsByTagNameNS(WORD, 't')).map((node) => node.textContent ?? '').join('');
  const body = document.getElementsByTagNameNS(WORD, 'body')[0]!;
  const paragraphs: string[] = [];
  const tables: string[][][] = [];
  for (const element of Array.from(body.childNodes).filter((child): child is Element => child.nodeType === child.ELEMENT_NODE)) {
    if (element.localName === 'p') paragraphs.push(textOf(element));
    if (element.localName === 'tbl') {
      tables.push(Array.from(element.getElementsByTagNameNS(WORD, 'tr')).map((row) => Array.from(row.getElementsByTagNameNS(WORD, 'tc')).map(textOf)));
    }
  }
  return { xml, footers, paragraphs, tables };
}

/** Every sheet of a workbook as rows of cell values, by sheet name. */
export async function readXlsx(bytes: Uint8Array): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => { rows.push((row.values as unknown[]).slice(1)); });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** A PDF's text as a reader's viewer extracts it: each page's runs of text, in order, blanks left out. */
export async function readPdf(bytes: Uint8Array): Promise<string[][]> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[][] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str] : [])));
  }
  await document.destroy();
  return pages;
}

/**
 * Whether a row of cells appears in a PDF's runs in order, one after another; a cell whose text
 * wrapped over lines spans several runs.
 */
export function hasRow(runs: readonly string[], cells: readonly string[]): boolean {
  start: for (let first = 0; first < runs.length; first += 1) {
    let next = first;
    for (const cell of cells) {
      let text = '';
      while (next < runs.length && text.length < cell.length) text += runs[next++];
      if (text !== cell) continue start;
    }
    return true;
  }
  return false;
}

/** A white pixel as PNG: a picture for documents whose picture a test does not look at. */
export const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWP4//8/AAX+Av5Y8msOAAAAAElFTkSuQmCC', 'base64');

/** The pictures in a Word document, in the order they are stored. */
export function docxImages(bytes: Uint8Array): Uint8Array[] {
  const files = unzipSync(bytes);
  return Object.keys(files).filter((name) => name.startsWith('word/media/')).sort().map((name) => files[name]!);
}

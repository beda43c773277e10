import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportFileError } from './import-errors.ts';
import type { CellValue, SheetRow } from './problem-rows.ts';

/**
 * The rows of an xlsx workbook's first sheet, inflated and parsed a slice at a time (fflate's
 * streaming unzip, the saxes XML parser), so that a sheet of 100,000 rows is never held whole.
 * exceljs's own streaming reader is not used for this: it decodes each inflated chunk apart, and
 * a Chinese character split between two chunks comes out as U+FFFD (exceljs issue 2084, open
 * since 2022), which in a year of 12345 problems garbles a few categories and names in every file.
 * Here one TextDecoder in stream mode carries a split character over to the next chunk.
 *
 * Cells come as the sheet stores them: text (shared, inline or formula strings), numbers (dates
 * too, as Excel serial days: the caller reads a time column's numbers as such), or null.
 */

/** Compressed bytes pushed to the inflater at a time: each slice yields a few thousand rows at most. */
const SLICE_BYTES = 256 * 1024;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses a small XML part whole, telling each element opened and closed, and each text with the path of open elements' local names. */
function parseXml(text: string, onOpen: (tag: SaxesTagPlain, name: string) => void, onText: (text: string, path: readonly string[]) => void, onClose?: (name: string) => void): void {
  const parser = new SaxesParser();
  const path: string[] = [];
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    path.push(name);
    onOpen(tag, name);
  });
  parser.on('text', (value) => onText(value, path));
  parser.on('closetag', (tag) => {
    path.pop();
    onClose?.(localName(tag.name));
  });
  parser.write(text).close();
}

/** The workbook's first sheet's part, and its shared strings. */
function workbookParts(bytes: Uint8Array): { sheetPath: string; sharedStrings: string[] } {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (file) => ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'].includes(file.name) });
  } catch (error) {
    throw new ImportFileError(`the workbook cannot be opened: ${(error as Error).message}`);
  }
  const text = (name: string) => (parts[name] ? new TextDecoder('utf-8').decode(parts[name]) : undefined);
  const workbook = text('xl/workbook.xml');
  const relations = text('xl/_rels/workbook.xml.rels');
  if (!workbook || !relations) throw new ImportFileError('the file is a zip but not an xlsx workbook (no xl/workbook.xml)');
  let firstSheet: string | undefined;
  parseXml(workbook, (tag, name) => {
    if (name === 'sheet' && firstSheet === undefined) {
      firstSheet = Object.entries(tag.attributes).find(([attribute]) => localName(attribute) === 'id' && attribute !== 'id')?.[1];
    }
  }, () => undefined);
  let target: string | undefined;
  parseXml(relations, (tag, name) => {
    if (name === 'Relationship' && tag.attributes.Id === firstSheet) target = tag.attributes.Target;
  }, () => undefined);
  if (!target) throw new ImportFileError('the workbook has no sheet');
  const sharedStrings: string[] = [];
  const shared = text('xl/sharedStrings.xml');
  if (shared) {
    let current = '';
    // Phonetic runs (rPh) are readings shown above the text, not part of it.
    parseXml(shared, (_tag, name) => { if (name === 'si') current = ''; }, (value, path) => {
      if (path.at(-1) === 't' && !path.includes('rPh')) current += value;
    }, (name) => { if (name === 'si') sharedStrings.push(current); });
  }
  return { sheetPath: target.startsWith('/') ? target.slice(1) : `xl/${target}`, sharedStrings };
}

/** A cell reference's column, from 0: B7 → 1, AA3 → 26. */
function columnOf(reference: string): number | undefined {
  const letters = /^[A-Z]+/.exec(reference)?.[0];
  if (!letters) return undefined;
  let column = 0;
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
  return column - 1;
}

export async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const { sheetPath, sharedStrings } = workbookParts(bytes);
  const ready: SheetRow[] = [];
  let failure: Error | undefined;
  let found = false;

  const parser = new SaxesParser();
  const path: string[] = [];
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let column = 0;
  let type = 'n';
  let text = '';
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    path.push(name);
    if (name === 'row') {
      rowNumber = Number(tag.attributes.r) || rowNumber + 1;
      cells = [];
      column = 0;
    } else if (name === 'c') {
      column = columnOf(String(tag.attributes.r ?? '')) ?? column;
      type = String(tag.attributes.t ?? 'n');
      text = '';
    }
  });
  parser.on('text', (value) => {
    const inside = path.at(-1);
    if (inside === 'v' || (inside === 't' && path.includes('is') && !path.includes('rPh'))) text += value;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    path.pop();
    if (name === 'c') {
      cells[column] = type === 's' ? sharedStrings[Number(text)] ?? null
        : type === 'inlineStr' || type === 'str' || type === 'd' ? text
          : type === 'b' ? (text === '1' ? 'TRUE' : 'FALSE')
            : type === 'e' || text === '' ? null : Number(text);
      column += 1;
    } else if (name === 'row') {
      ready.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? null) });
    }
  });
  parser.on('error', (error) => { failure ??= error; });

  const decoder = new TextDecoder('utf-8');
  const unzip = new Unzip((file) => {
    if (file.name !== sheetPath) return;
    found = true;
    file.ondata = (error, data, final) => {
      if (error) {
        failure ??= error;
        return;
      }
      parser.write(decoder.decode(data, { stream: !final }));
      if (final) parser.close();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
    try {
      unzip.push(bytes.subarray(offset, offset + SLICE_BYTES), offset + SLICE_BYTES >= bytes.length);
    } catch (error) {
      failure ??= error as Error;
    }
    if (failure) throw new ImportFileError(`the workbook cannot be read: ${failure.message}`);
    yield* ready.splice(0);
  }
  if (!found) throw new ImportFileError(`the workbook's sheet ${sheetPath} is missing`);
}

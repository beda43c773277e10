import type { GridKind } from '../domain/grid-lookup.ts';
import { ImportFileError } from './import-errors.ts';

/** Which of a file's attributes hold each grid field; kind and street may be left out. */
export interface AttributeMapping {
  code: string;
  name: string;
  kind?: string;
  street?: string;
}

/** Attribute names seen in districts' files, per field, in the order they are preferred. */
const USUAL_NAMES: Record<keyof AttributeMapping, string[]> = {
  code: ['code', '网格编码', '网格编号', '网格代码', '编码', '编号', '代码', 'grid_code', 'gridcode', 'wgbm', 'bm', 'id'],
  name: ['name', '网格名称', '网格名', '名称', 'grid_name', 'gridname', 'wgmc', 'mc'],
  kind: ['kind', '网格类型', '类型', '类别', 'type', 'lx'],
  street: ['street', '街道', '所属街道', '街道名称', '乡镇街道', 'jd'],
};

/** The mapping a file's attribute names suggest; fields it cannot find are left out. */
export function guessMapping(attributes: readonly string[]): Partial<AttributeMapping> {
  const lower = new Map(attributes.map((name) => [name.trim().toLowerCase(), name]));
  const mapping: Partial<AttributeMapping> = {};
  const taken = new Set<string>();
  for (const field of ['code', 'name', 'kind', 'street'] as const) {
    const found = USUAL_NAMES[field].map((name) => lower.get(name)).find((name) => name !== undefined && !taken.has(name));
    if (found) {
      mapping[field] = found;
      taken.add(found);
    }
  }
  return mapping;
}

/** The mapping to use: the user's, filled in with the guess; code and name are required. */
export function resolveMapping(attributes: readonly string[], given: Partial<AttributeMapping> = {}): AttributeMapping {
  const guess = guessMapping(attributes);
  const mapping = { ...guess, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value)) } as Partial<AttributeMapping>;
  for (const [field, attribute] of Object.entries(given)) {
    if (attribute && !attributes.includes(attribute)) {
      throw new ImportFileError(`the file has no attribute '${attribute}' to map to ${field}; it has ${attributes.map((name) => `'${name}'`).join(', ') || 'none'}`);
    }
  }
  for (const field of ['code', 'name'] as const) {
    if (!mapping[field]) {
      throw new ImportFileError(`say which attribute holds the grid ${field}: the file has ${attributes.map((name) => `'${name}'`).join(', ') || 'none'}`);
    }
  }
  return mapping as AttributeMapping;
}

const STRIP_WORDS = /^(strip|条|条状|条网格|道路|路段|干道|主次干道)$/i;
const BLOCK_WORDS = /^(block|块|块状|块网格|片区|区域|社区)$/i;

/** A kind attribute's value as a grid kind; undefined when it is neither. */
export function kindOf(value: unknown): GridKind | undefined {
  const text = String(value ?? '').trim();
  if (STRIP_WORDS.test(text)) return 'strip';
  if (BLOCK_WORDS.test(text)) return 'block';
  return undefined;
}

/** An attribute as text; a DBF's empty numeric field reads as NaN, which is empty too. */
export const attributeText = (value: unknown): string =>
  (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? '' : String(value).trim());

declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Reads a .shp's shapes; without a projection, in the file's own coordinates. */
  export function parseShp(shp: Uint8Array | ArrayBuffer): Geometry[];
  /** Reads a .dbf's records, decoding text with the encoding a .cpg names. */
  export function parseDbf(dbf: Uint8Array | ArrayBuffer, encoding?: string): Array<Record<string, unknown>>;
}

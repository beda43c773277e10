import { ISSUE_STATES, type IssueState } from '../domain/issue-vocabulary.ts';

/**
 * Problem positions for the map, in a compact little-endian binary form rather than GeoJSON
 * (14 bytes a problem instead of some 150): a Uint32 count n, then n interleaved Float32
 * [longitude, latitude] pairs (about 1 m of precision here, enough to draw), n Uint32 ids,
 * n Uint8 state codes (the index in ISSUE_STATES) and n Uint8 flags (bit 0: overdue). Every
 * column starts on a boundary its typed array can view without copying.
 */

export interface IssuePositions {
  count: number;
  /** [longitude, latitude] interleaved, as deck.gl takes binary positions. */
  positions: Float32Array;
  ids: Uint32Array;
  states: Uint8Array;
  flags: Uint8Array;
}

export const OVERDUE_FLAG = 1;
const HEADER_BYTES = 4;

export interface IssuePositionRow {
  id: number;
  longitude: number;
  latitude: number;
  state: IssueState;
  overdue: boolean;
}

function views(buffer: ArrayBuffer, byteOffset: number, count: number): IssuePositions {
  const start = byteOffset + HEADER_BYTES;
  return {
    count,
    positions: new Float32Array(buffer, start, count * 2),
    ids: new Uint32Array(buffer, start + count * 8, count),
    states: new Uint8Array(buffer, start + count * 12, count),
    flags: new Uint8Array(buffer, start + count * 13, count),
  };
}

/** An encoding of `count` problems, its columns to be filled with `setIssuePosition`. */
export function allocateIssuePositions(count: number): { body: Buffer; columns: IssuePositions } {
  const buffer = new ArrayBuffer(HEADER_BYTES + count * 14);
  new DataView(buffer).setUint32(0, count, true);
  return { body: Buffer.from(buffer), columns: views(buffer, 0, count) };
}

export function setIssuePosition(columns: IssuePositions, index: number, row: IssuePositionRow): void {
  columns.positions[index * 2] = row.longitude;
  columns.positions[index * 2 + 1] = row.latitude;
  columns.ids[index] = row.id;
  columns.states[index] = ISSUE_STATES.indexOf(row.state);
  columns.flags[index] = row.overdue ? OVERDUE_FLAG : 0;
}

/** Views over a received body; throws if the body is not a whole encoding. */
export function decodeIssuePositions(buffer: ArrayBuffer): IssuePositions {
  const count = new DataView(buffer).getUint32(0, true);
  if (buffer.byteLength !== HEADER_BYTES + count * 14) throw new RangeError(`${buffer.byteLength} bytes is not ${count} problem positions`);
  return views(buffer, 0, count);
}

export const stateOfCode = (code: number): IssueState => ISSUE_STATES[code]!;

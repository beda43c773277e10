import { describe, expect, it } from 'vitest';
import { parseTimeWindow } from '../../server/domain/time-window.ts';
import { parseBoundingBox } from '../../server/domain/bounding-box.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';

describe('time window parameters', () => {
  it('reads bare dates as whole days in China time, the end inclusive', () => {
    expect(parseTimeWindow('2026-10-01', '2026-10-07')).toEqual({
      from: parseChinaDateTime('2026-10-01T00:00'),
      to: parseChinaDateTime('2026-10-08T00:00'),
    });
  });

  it('takes date-times as exact instants', () => {
    expect(parseTimeWindow('2026-10-01T08:00:00Z', undefined)).toEqual({ from: Date.parse('2026-10-01T08:00:00Z') });
  });

  it('names the parameter that is not a date', () => {
    expect(() => parseTimeWindow('2026-02-30', undefined)).toThrow(/^from: 2026-02-30 is not a date/);
    expect(() => parseTimeWindow(undefined, 'yesterday')).toThrow(/^to: yesterday is not a date/);
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => parseTimeWindow('2026-10-08', '2026-10-01')).toThrow(/^to: /);
  });
});

describe('bounding box parameter', () => {
  it('reads four numbers', () => {
    expect(parseBoundingBox('116.9,36.5,117.1,36.7')).toEqual({ minLongitude: 116.9, minLatitude: 36.5, maxLongitude: 117.1, maxLatitude: 36.7 });
  });

  it.each([
    ['1,2,3', /not four numbers/],
    ['a,b,c,d', /not four numbers/],
    ['1,2,,4', /not four numbers/],
    ['117,36,116,37', /minimum not below its maximum/],
    ['-200,0,10,10', /outside longitude/],
  ])('names bbox when it is %s', (value, problem) => {
    expect(() => parseBoundingBox(value)).toThrow(problem);
    expect(() => parseBoundingBox(value)).toThrow(/^bbox: /);
  });
});

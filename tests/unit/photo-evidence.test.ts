import { describe, expect, it } from 'vitest';
import { exifInstant, photoDistanceMetres, photoFlags, photoStageOf, STALE_PHOTO_MS } from '../../server/domain/photo-evidence.ts';

const problem = { longitude: 117.0, latitude: 36.5, dispatchedAt: Date.parse('2026-11-20T09:00:00+08:00') };
const uploadedAt = Date.parse('2026-11-20T15:00:00+08:00');
/** A point this many metres north of the problem (a degree of latitude is about 111 km). */
const north = (metres: number) => ({ longitude: problem.longitude, latitude: problem.latitude + metres / 111_195 });

describe('EXIF times', () => {
  it('reads a time without an offset as China time, and with one as that offset says', () => {
    expect(exifInstant('2026:11:20 14:30:05')).toBe(Date.parse('2026-11-20T14:30:05+08:00'));
    expect(exifInstant('2026:11:20 14:30:05', '+08:00')).toBe(Date.parse('2026-11-20T14:30:05+08:00'));
    expect(exifInstant('2026:11:20 14:30:05', '+09:00')).toBe(Date.parse('2026-11-20T14:30:05+09:00'));
    expect(exifInstant('2026:11:20 06:30:05', '-05:30')).toBe(Date.parse('2026-11-20T06:30:05-05:30'));
    expect(exifInstant('2026:11:20 14:30:05', 'garbage')).toBe(Date.parse('2026-11-20T14:30:05+08:00'));
  });

  it('reads nothing from a missing, malformed or impossible time', () => {
    for (const value of [undefined, null, 17, '', '0000:00:00 00:00:00', '    :  :     :  :  ', '2026:02:30 10:00:00', '2026-11-20', '2026:11:20 25:00:00']) {
      expect(exifInstant(value)).toBeNull();
    }
  });
});

describe('photo flags', () => {
  it('flags nothing in a photo taken on the spot, at the time', () => {
    expect(photoFlags({ takenAt: uploadedAt - 60_000, position: north(30), uploadedAt }, 'rectification', problem)).toEqual([]);
  });

  it('flags a photo taken more than 24 hours before its upload, at any stage', () => {
    const old = { takenAt: uploadedAt - STALE_PHOTO_MS - 1, position: null, uploadedAt };
    expect(photoFlags(old, 'report', problem)).toEqual(['taken_long_before_upload']);
    expect(photoFlags({ ...old, takenAt: uploadedAt - STALE_PHOTO_MS }, 'report', problem)).toEqual([]);
  });

  it('flags an after-photo taken before the problem was dispatched, but not a report\'s', () => {
    const early = { takenAt: problem.dispatchedAt - 1, position: null, uploadedAt: problem.dispatchedAt + 3_600_000 };
    expect(photoFlags(early, 'rectification', problem)).toEqual(['taken_before_dispatch']);
    expect(photoFlags(early, 'reinspection', problem)).toEqual(['taken_before_dispatch']);
    expect(photoFlags(early, 'report', problem)).toEqual([]);
    expect(photoFlags({ ...early, takenAt: problem.dispatchedAt }, 'rectification', problem)).toEqual([]);
  });

  it('flags a photo taken more than 200 m from the problem, when it says where', () => {
    expect(photoDistanceMetres(north(250), problem)).toBeCloseTo(250, 0);
    expect(photoFlags({ takenAt: null, position: north(250), uploadedAt }, 'report', problem)).toEqual(['far_from_problem']);
    expect(photoFlags({ takenAt: null, position: north(150), uploadedAt }, 'report', problem)).toEqual([]);
    expect(photoFlags({ takenAt: null, position: null, uploadedAt }, 'report', problem)).toEqual([]);
  });

  it('gives photos to the report, the rectification and the re-inspection only', () => {
    expect(photoStageOf('report')).toBe('report');
    expect(photoStageOf('submit_rectification')).toBe('rectification');
    expect(photoStageOf('pass_inspection')).toBe('reinspection');
    expect(photoStageOf('fail_inspection')).toBe('reinspection');
    expect(photoStageOf('dispatch')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { lastFullDays } from '../../../client/day-window.ts';

describe('the period picker', () => {
  it('covers the N full China days before today', () => {
    // 01:00 on 21 November in China is still 20 November in UTC.
    const now = Date.parse('2026-11-21T01:00:00+08:00');
    expect(lastFullDays(7, now)).toEqual({ from: '2026-11-14', to: '2026-11-20' });
    expect(lastFullDays(30, now)).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(lastFullDays(365, now)).toEqual({ from: '2025-11-21', to: '2026-11-20' });
  });
});

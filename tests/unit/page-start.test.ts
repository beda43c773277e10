import { describe, expect, it } from 'vitest';
import { pageStart } from '../../client/api/district.ts';

const qingchuan = { code: 'qingchuan', name: '青川区' };
const donghu = { code: 'donghu', name: '东湖区' };

describe('what a page address opens', () => {
  it('keeps a single district\'s short addresses its own', () => {
    expect(pageStart('/grids/B07', '', [qingchuan])).toEqual({ kind: 'district', district: qingchuan, basename: '' });
    expect(pageStart('/', '', [qingchuan])).toEqual({ kind: 'district', district: qingchuan, basename: '' });
    expect(pageStart('/city', '', [qingchuan])).toEqual({ kind: 'city' });
  });

  it('opens the district a /d/ address names, under that prefix', () => {
    expect(pageStart('/d/donghu/dispatch', '', [qingchuan, donghu])).toEqual({ kind: 'district', district: donghu, basename: '/d/donghu' });
    expect(pageStart('/d/donghu', '', [qingchuan, donghu])).toEqual({ kind: 'district', district: donghu, basename: '/d/donghu' });
  });

  it('shows the city for the root of several districts, or for a district that is not there', () => {
    expect(pageStart('/', '', [qingchuan, donghu])).toEqual({ kind: 'city' });
    expect(pageStart('/d/xiling/', '', [qingchuan, donghu])).toEqual({ kind: 'city' });
    expect(pageStart('/', '', [])).toEqual({ kind: 'city' });
  });

  it('sends a page without a district to the first district\'s, keeping its query', () => {
    expect(pageStart('/screen', '?token=abc', [qingchuan, donghu])).toEqual({ kind: 'redirect', to: '/d/qingchuan/screen?token=abc' });
  });
});

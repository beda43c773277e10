import { describe, expect, it } from 'vitest';
import { firstNonFinite } from '../../server/finite-numbers.ts';

describe('finite numbers', () => {
  it('finds the first number that is not finite, anywhere in a request, and its path', () => {
    expect(firstNonFinite({ limit: 100, state: 'closed' })).toBeNull();
    expect(firstNonFinite({ limit: Infinity })).toBe('/limit');
    expect(firstNonFinite({ settings: { scales: { onTimeRate: { zero: 40, full: -Infinity } } } })).toBe('/settings/scales/onTimeRate/full');
    expect(firstNonFinite({ items: [{ id: 1, version: 2 }, { id: 3, version: Number.NaN }] })).toBe('/items/1/version');
    expect(firstNonFinite(Infinity)).toBe('');
    expect(firstNonFinite(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../server/domain/password-policy.ts';
import { parseCredential, csrfTokenOf, newSecret, tokenHash } from '../../server/services/sessions.ts';

describe('the password policy', () => {
  it.each([
    ['Demo#2026', null],
    ['创城办2026年', null],
    ['abc123', 'password: at least 8 characters'],
    ['abcdefgh', 'password: mix letters and digits'],
    ['12345678', 'password: mix letters and digits'],
    ['xwang2026', 'password: must not contain the username'],
    [`a1${'x'.repeat(127)}`, 'password: at most 128 characters'],
  ])('judges %s', (password, problem) => {
    expect(passwordProblem(password, 'XWang')).toBe(problem);
  });
});

describe('credentials', () => {
  it('name their district and carry a secret the store keeps only hashed', () => {
    const secret = newSecret();
    expect(parseCredential(`qingchuan.${secret}`)).toEqual({ districtCode: 'qingchuan', secret });
    expect(parseCredential(`Qingchuan.${secret}`)).toBeNull();
    expect(parseCredential(`qingchuan.${secret}x`)).toBeNull();
    expect(parseCredential(secret)).toBeNull();
    expect(tokenHash(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(secret)).not.toContain(secret);
    expect(csrfTokenOf(secret)).not.toBe(csrfTokenOf(newSecret()));
  });
});

import { describe, expect, it } from 'vitest';
import { copyText } from '../../server/postgres/copy-from-sqlite.ts';

describe('a value in COPY\'s text format', () => {
  it('is \\N for null and the value\'s text otherwise, numbers exactly', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(117.00123456789012)).toBe('117.00123456789012');
    expect(Number(copyText(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(copyText('青川区')).toBe('青川区');
  });

  it('escapes the backslash, tabs and line breaks that would end a field or a row', () => {
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText('{"note":"第一行\\n第二行"}')).toBe('{"note":"第一行\\\\n第二行"}');
  });

  it('writes bytes in bytea\'s hex form, its backslash escaped', () => {
    expect(copyText(Buffer.from([0, 0xff, 0x5c]))).toBe('\\\\x00ff5c');
  });
});

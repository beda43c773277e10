import { describe, expect, it } from 'vitest';
import { columnWidths } from '../../server/bulletins/bulletin-columns.ts';
import { percentText, roundedRate } from '../../server/bulletins/bulletin-content.ts';

describe('a bulletin table\'s columns', () => {
  const table = (rows: Array<Array<string | number>>) => ({ title: '表', columns: ['序号', '地址', '超期工作日'], rows });

  it('fill the type area exactly when the cells are short, in proportion to what they hold', () => {
    const widths = columnWidths(table([[1, '幸福路', 12]]), 450);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(450, 6);
    expect(widths[1]).toBeGreaterThan(widths[0]!);
  });

  it('narrow only the wide columns when the text is long, so that a number keeps its line', () => {
    const long = '幸福路与和平路交叉口东北角公交站台南侧绿化带';
    const wide = columnWidths(table([[1, long.repeat(3), 242]]), 250);
    const short = columnWidths(table([[1, '幸福路', 242]]), 2500);
    expect(wide.reduce((a, b) => a + b, 0)).toBeCloseTo(250, 6);
    // The number columns get what they need (their em and margins), no less.
    expect(wide[0]).toBeCloseTo(2 * 12 + 10.8, 6);
    expect(wide[2]).toBeCloseTo(2.5 * 12 + 10.8, 6); // 超期工作日 in two lines of 2.5 characters
    expect(short[2]! / short[0]!).toBeCloseTo(wide[2]! / wide[0]!, 1);
  });

  it('keep a column of codes whole however wide it is, and narrow the text beside it', () => {
    const codes = { title: '表', columns: ['问题编号', '地址'], rows: [['CC-2026-0036001', '幸福路与和平路交叉口东北角公交站台南侧绿化带'.repeat(2)]] };
    const widths = columnWidths(codes, 250);
    expect(widths[0]).toBeCloseTo(15 * 0.55 * 12 + 10.8, 6);
    expect(widths[1]).toBeCloseTo(250 - widths[0]!, 6);
  });
});

describe('a rate as a bulletin prints it', () => {
  it('is rounded once, the same in its tables and its text', () => {
    // 98.55 is 98.549999… in binary: toFixed(1) would say 98.5 where the table says 98.6.
    expect(roundedRate(98.55)).toBe(98.6);
    expect(percentText(98.55)).toBe('98.6%');
    expect(percentText(100)).toBe('100%');
    expect(percentText(null)).toBe('—');
  });
});

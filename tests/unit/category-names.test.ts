import { describe, expect, it } from 'vitest';
import { leafCategoryFinder } from '../../server/domain/category-names.ts';

const categories = [
  { code: '01', name: '市容环境', parentCode: null },
  { code: '0101', name: '暴露垃圾/清运不及时', parentCode: '01' },
  { code: '0102', name: '占道经营', parentCode: '01' },
  { code: '02', name: '交通秩序', parentCode: null },
  { code: '0201', name: '清运不及时', parentCode: '02' },
];

describe('a 小类 by the words written for it', () => {
  const find = leafCategoryFinder(categories);

  it('is found by its code, its name, or its 大类 and name joined as systems join them, case and spaces aside', () => {
    for (const text of ['0102', '占道经营', '市容环境/占道经营', '市容环境-占道经营', '市容环境>占道经营', ' 占道经营 ']) expect(find(text)?.code).toBe('0102');
  });

  it('is found by one half of a two-part name, unless another 小类 has that whole name', () => {
    expect(find('暴露垃圾')?.code).toBe('0101');
    expect(find('清运不及时')?.code).toBe('0201');
  });

  it('is not a 大类, nor a word the district does not use', () => {
    expect(find('市容环境')).toBeUndefined();
    expect(find('外星人')).toBeUndefined();
  });
});

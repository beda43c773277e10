import { DEMO_DISTRICT, type District } from '../store/districts.ts';

/** The fictional city's districts, the demo's first; a city of more than these numbers the rest. Every name is invented. */
const NAMED: readonly District[] = [
  DEMO_DISTRICT,
  { code: 'donghu', name: '东湖区' }, { code: 'xiling', name: '西岭区' }, { code: 'nanping', name: '南屏区' },
  { code: 'beitang', name: '北塘区' }, { code: 'yunxi', name: '云溪区' }, { code: 'jinsha', name: '金沙区' },
  { code: 'fengming', name: '凤鸣区' }, { code: 'bailu', name: '白鹭区' }, { code: 'linjiang', name: '临江区' },
  { code: 'cuiping', name: '翠屏区' }, { code: 'wangcheng', name: '望城区' },
];

export function cityDistricts(count: number): District[] {
  return Array.from({ length: count }, (_, index) => NAMED[index] ?? { code: `district_${index + 1}`, name: `第${index + 1}区` });
}

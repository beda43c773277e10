import type { DeadlineRule } from '../domain/working-time.ts';
import type { DepartmentKind } from '../domain/issue-vocabulary.ts';

/**
 * The demo district's default catalogues: problem categories with their default deadlines and
 * duties (domain reference: "Categories", "Deadlines"), and the 60 responsible departments.
 * A duty names the kind of work a department answers for; routing sends a category to the
 * department with its duty ('territorial' means the grid's street office).
 */

export interface SubcategorySeed {
  code: string;
  name: string;
  deadline: DeadlineRule;
  duty: string;
  /** Relative frequency on block grids and on strip grids. */
  blockWeight: number;
  stripWeight: number;
}

export interface CategorySeed {
  code: string;
  name: string;
  subcategories: SubcategorySeed[];
}

const workingHours = (amount: number): DeadlineRule => ({ amount, unit: 'working_hour' });
const workingDays = (amount: number): DeadlineRule => ({ amount, unit: 'working_day' });

export const CATEGORY_SEEDS: CategorySeed[] = [
  {
    code: 'city_appearance', name: '市容环境', subcategories: [
      { code: 'exposed_garbage', name: '暴露垃圾/清运不及时', deadline: workingHours(4), duty: 'sanitation', blockWeight: 9, stripWeight: 6 },
      { code: 'sanitation_blind_spot', name: '卫生死角', deadline: workingDays(1), duty: 'territorial', blockWeight: 7, stripWeight: 2 },
      { code: 'piled_clutter', name: '乱堆乱放/楼道堆物', deadline: workingDays(1), duty: 'territorial', blockWeight: 8, stripWeight: 2 },
      { code: 'illegal_flyers', name: '牛皮癣小广告', deadline: workingDays(2), duty: 'city_management', blockWeight: 6, stripWeight: 5 },
      { code: 'graffiti', name: '乱涂乱画', deadline: workingDays(2), duty: 'city_management', blockWeight: 3, stripWeight: 3 },
      { code: 'dirty_public_toilet', name: '公厕不洁', deadline: workingHours(4), duty: 'sanitation', blockWeight: 2, stripWeight: 2 },
      { code: 'dirty_road', name: '道路不洁', deadline: workingHours(5), duty: 'sanitation', blockWeight: 3, stripWeight: 7 },
    ],
  },
  {
    code: 'street_order', name: '街面秩序', subcategories: [
      { code: 'road_occupying_business', name: '占道经营', deadline: workingDays(1), duty: 'city_management', blockWeight: 4, stripWeight: 9 },
      { code: 'out_of_store_business', name: '出店经营', deadline: workingDays(1), duty: 'city_management', blockWeight: 3, stripWeight: 8 },
      { code: 'street_vendors', name: '流动摊贩', deadline: workingHours(4), duty: 'city_management', blockWeight: 3, stripWeight: 6 },
      { code: 'frontage_duties', name: '门前三包不落实', deadline: workingDays(2), duty: 'territorial', blockWeight: 3, stripWeight: 5 },
      { code: 'illegal_construction', name: '乱搭乱建', deadline: workingDays(15), duty: 'city_management', blockWeight: 2, stripWeight: 1 },
      { code: 'messy_hanging', name: '乱拉乱挂', deadline: workingDays(2), duty: 'city_management', blockWeight: 3, stripWeight: 3 },
    ],
  },
  {
    code: 'traffic_order', name: '交通秩序', subcategories: [
      { code: 'illegal_car_parking', name: '机动车乱停', deadline: workingHours(4), duty: 'traffic_police', blockWeight: 5, stripWeight: 8 },
      { code: 'illegal_bike_parking', name: '非机动车乱停', deadline: workingHours(4), duty: 'territorial', blockWeight: 4, stripWeight: 8 },
      { code: 'not_yielding_at_crossing', name: '不礼让斑马线', deadline: workingDays(1), duty: 'traffic_police', blockWeight: 0.5, stripWeight: 3 },
      { code: 'jaywalking', name: '闯红灯/翻越护栏', deadline: workingDays(1), duty: 'traffic_police', blockWeight: 0.5, stripWeight: 3 },
    ],
  },
  {
    code: 'public_facilities', name: '公共设施', subcategories: [
      { code: 'road_damage', name: '道路坑洼破损', deadline: workingDays(10), duty: 'municipal', blockWeight: 2, stripWeight: 4 },
      { code: 'pavement_damage', name: '人行道损坏/被占', deadline: workingDays(5), duty: 'municipal', blockWeight: 2, stripWeight: 4 },
      { code: 'accessibility_missing', name: '盲道/无障碍设施缺失', deadline: workingDays(10), duty: 'housing', blockWeight: 1, stripWeight: 2 },
      { code: 'fire_access_blocked', name: '消防通道堵塞/消防设施缺失', deadline: workingDays(1), duty: 'fire', blockWeight: 3, stripWeight: 0.5 },
      { code: 'fixture_damage', name: '井盖/护栏/路灯损坏', deadline: workingDays(3), duty: 'municipal', blockWeight: 2, stripWeight: 4 },
    ],
  },
  {
    code: 'public_messaging', name: '公益宣传', subcategories: [
      { code: 'public_service_ads', name: '公益广告缺失/数量不达标/破损', deadline: workingDays(5), duty: 'civilization', blockWeight: 3, stripWeight: 3 },
      { code: 'core_values_missing', name: '核心价值观宣传缺失', deadline: workingDays(5), duty: 'civilization', blockWeight: 2, stripWeight: 1 },
    ],
  },
  {
    code: 'greening', name: '园林绿化', subcategories: [
      { code: 'vegetables_on_green', name: '毁绿种菜', deadline: workingDays(3), duty: 'landscaping', blockWeight: 2, stripWeight: 1 },
      { code: 'missing_plants', name: '绿化缺株', deadline: workingDays(10), duty: 'landscaping', blockWeight: 1, stripWeight: 2 },
    ],
  },
  {
    code: 'civil_behaviour', name: '文明行为', subcategories: [
      { code: 'uncivil_dog_walking', name: '不文明养犬', deadline: workingDays(1), duty: 'public_security', blockWeight: 2, stripWeight: 0.5 },
      { code: 'littering_spitting', name: '乱扔垃圾/随地吐痰', deadline: workingDays(1), duty: 'territorial', blockWeight: 2, stripWeight: 2 },
      { code: 'throwing_from_vehicles', name: '车窗抛物', deadline: workingDays(1), duty: 'traffic_police', blockWeight: 0.2, stripWeight: 1 },
    ],
  },
  {
    code: 'windows_and_markets', name: '窗口与市场', subcategories: [
      { code: 'dirty_market', name: '农贸市场脏乱', deadline: workingDays(1), duty: 'market', blockWeight: 2, stripWeight: 1 },
      { code: 'no_fair_scale', name: '无公平秤/投诉点', deadline: workingDays(3), duty: 'market', blockWeight: 1, stripWeight: 0.5 },
      { code: 'no_health_certificate', name: '从业人员无健康证', deadline: workingDays(5), duty: 'health', blockWeight: 1, stripWeight: 0.5 },
    ],
  },
];

export interface DepartmentSeed {
  name: string;
  kind: DepartmentKind;
  duty: string | null;
}

export const BUREAU_SEEDS: DepartmentSeed[] = [
  { name: '区城市管理局', kind: 'bureau', duty: 'city_management' },
  { name: '区环境卫生服务中心', kind: 'bureau', duty: 'sanitation' },
  { name: '区住房和城乡建设局', kind: 'bureau', duty: 'housing' },
  { name: '区市政公用事业服务中心', kind: 'bureau', duty: 'municipal' },
  { name: '公安分局交通警察大队', kind: 'bureau', duty: 'traffic_police' },
  { name: '区公安分局', kind: 'bureau', duty: 'public_security' },
  { name: '区市场监督管理局', kind: 'bureau', duty: 'market' },
  { name: '区卫生健康委员会', kind: 'bureau', duty: 'health' },
  { name: '区园林绿化服务中心', kind: 'bureau', duty: 'landscaping' },
  { name: '区委宣传部（区文明办）', kind: 'bureau', duty: 'civilization' },
  { name: '区消防救援大队', kind: 'bureau', duty: 'fire' },
  { name: '区交通运输局', kind: 'bureau', duty: 'transport' },
  { name: '区教育和体育局', kind: 'bureau', duty: 'education' },
  { name: '区文化和旅游局', kind: 'bureau', duty: 'culture' },
  { name: '区商务局', kind: 'bureau', duty: 'commerce' },
  { name: '区行政审批服务局', kind: 'bureau', duty: 'government_service' },
  { name: '区民政局', kind: 'bureau', duty: null },
  { name: '区生态环境分局', kind: 'bureau', duty: null },
  { name: '区水利局', kind: 'bureau', duty: null },
  { name: '区自然资源和规划分局', kind: 'bureau', duty: null },
  { name: '区应急管理局', kind: 'bureau', duty: null },
  { name: '区人力资源和社会保障局', kind: 'bureau', duty: null },
  { name: '区农业农村局', kind: 'bureau', duty: null },
  { name: '区司法局', kind: 'bureau', duty: null },
];

export const PARTNER_UNIT_NAMES = [
  '区人民法院', '区人民检察院', '工商银行青川支行', '农业银行青川支行', '建设银行青川支行',
  '中国银行青川支行', '邮储银行青川支行', '青川农商银行', '国网青川供电公司', '青川水务集团',
  '青川燃气公司', '中国移动青川分公司', '中国联通青川分公司', '中国电信青川分公司', '区烟草专卖局',
  '区税务局', '青川邮政分公司', '区融媒体中心', '区供销合作社', '区总工会', '团区委', '区妇联',
  '区科协', '区红十字会', '区残联', '区工商联', '区档案馆', '区机关事务服务中心',
];

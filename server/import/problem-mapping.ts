import type { CellValue } from './problem-rows.ts';
import type { IssueState } from '../domain/issue-vocabulary.ts';
import type { DeadlineRule } from '../domain/working-time.ts';
import { HOUR_MS } from '../domain/china-time.ts';

/**
 * How the columns of another system's export (12345, 数字城管) map to a problem's fields, and how
 * their values read: times as Chinese systems write them (China time), states in their words,
 * deadlines as dates or as "5个工作日".
 */

export const PROBLEM_FIELDS = [
  'sourceId', 'reportedAt', 'category', 'description', 'address', 'longitude', 'latitude',
  'state', 'department', 'deadline', 'closedAt', 'gridCode',
] as const;
export type ProblemField = (typeof PROBLEM_FIELDS)[number];

/** Each field's column, by its header text; a field without one is absent from the file. */
export type ProblemColumnMapping = Partial<Record<ProblemField, string>>;

export const REQUIRED_PROBLEM_FIELDS: readonly ProblemField[] = ['sourceId', 'reportedAt', 'category'];

/** Headers the common exports use for each field, most specific first. */
const HEADER_NAMES: Record<ProblemField, string[]> = {
  sourceId: ['工单编号', '工单号', '案卷编号', '案件编号', '案卷号', '任务号', '事件编号', '编号', 'source_id', 'sourceid', 'id'],
  reportedAt: ['受理时间', '登记时间', '上报时间', '发现时间', '立案时间', '来电时间', '创建时间', '发生时间', 'reported_at', 'reportedat', 'time'],
  category: ['问题类别', '问题分类', '案件小类', '问题小类', '小类', '问题类型', '案件类型', '类别', '分类', 'category'],
  description: ['问题描述', '诉求内容', '案件描述', '事件描述', '描述', '内容', 'description'],
  address: ['发生地址', '事发地址', '问题地址', '地址', '位置描述', '位置', 'address'],
  longitude: ['经度', '坐标x', 'x坐标', 'longitude', 'lng', 'lon', 'x'],
  latitude: ['纬度', '坐标y', 'y坐标', 'latitude', 'lat', 'y'],
  state: ['办理状态', '案件状态', '处理状态', '工单状态', '状态', 'state', 'status'],
  department: ['承办单位', '责任单位', '处置部门', '处置单位', '办理单位', '责任部门', '主办单位', 'department'],
  deadline: ['办理时限', '处置时限', '整改时限', '截止时间', '限办时间', '期限', 'deadline'],
  closedAt: ['办结时间', '结案时间', '销号时间', '完成时间', '处置完成时间', 'closed_at', 'closedat'],
  gridCode: ['网格编码', '网格编号', '所属网格', '网格', 'grid_code', 'gridcode', 'grid'],
};

const normalHeader = (header: string) => header.trim().toLowerCase().replace(/[\s_\-（）()]/g, '');

/** Guesses each field's column from the headers: an exact name first, then a header containing one. */
export function guessProblemMapping(headers: readonly string[]): ProblemColumnMapping {
  const mapping: ProblemColumnMapping = {};
  const taken = new Set<string>();
  const normal = headers.map(normalHeader);
  for (const exact of [true, false]) {
    for (const field of PROBLEM_FIELDS) {
      if (mapping[field]) continue;
      for (const name of HEADER_NAMES[field].map(normalHeader)) {
        // Short Latin names (x, id) are matched exactly only: 'x' is in too many headers.
        const index = normal.findIndex((header, position) => !taken.has(headers[position]!)
          && (exact ? header === name : name.length >= 2 && /\p{Script=Han}/u.test(name) && header.includes(name)));
        if (index >= 0) {
          mapping[field] = headers[index]!;
          taken.add(headers[index]!);
          break;
        }
      }
    }
  }
  return mapping;
}

/** The words other systems use for each state; a cell is matched after trimming. */
const STATE_WORDS: Record<IssueState, string[]> = {
  reported: ['待交办', '待派遣', '待受理', '待处理', '已受理', '未派遣', '新建', '待立案', 'reported'],
  assigned: ['已交办', '已派遣', '待签收', '已派单', '待接收', '已转办', 'assigned'],
  in_progress: ['整改中', '处理中', '办理中', '处置中', '已签收', '已接收', 'in_progress'],
  rectified: ['待复查', '待核查', '待核实', '已处置', '待结案', 'rectified'],
  closed: ['已销号', '已办结', '办结', '已结案', '结案', '已完成', '已关闭', '已归档', 'closed'],
  void: ['已作废', '作废', '无效', '不予受理', '已撤销', '撤销', 'void'],
};
const STATE_BY_WORD = new Map(Object.entries(STATE_WORDS).flatMap(([state, words]) => words.map((word) => [word, state as IssueState])));

export function stateOf(text: string): IssueState | undefined {
  return STATE_BY_WORD.get(text.trim()) ?? STATE_BY_WORD.get(text.trim().toLowerCase());
}

export const acceptedStateWords = () => [...STATE_BY_WORD.keys()].filter((word) => /\p{Script=Han}/u.test(word));

/** A cell as text, trimmed; numbers as written (no exponent for long ids). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  return value.trim();
}

const CHINA_OFFSET_MS = 8 * HOUR_MS;
/** Days from Excel's epoch (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
const LOCAL_TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})分?(?::?(\d{1,2})(?:\.\d+)?秒?)?)?$/;

/**
 * An instant from a cell. Exports write China time without an offset: "2026-03-01 08:30",
 * "2026/3/1 8:30:00", "2026年3月1日"; an xlsx date cell is Excel's serial day of the same
 * wall-clock reading. An ISO time with an offset is taken as it says. Undefined when the text is not a time.
 */
export function instantOf(value: CellValue | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 && value < 2_958_466 ? Math.round((value - EXCEL_EPOCH_DAYS) * 86_400_000) - CHINA_OFFSET_MS : undefined;
  }
  const text = value.trim();
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const [year, month, day, hour = 0, minute = 0, second = 0] = local.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
    if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
    const instant = Date.UTC(year!, month! - 1, day!, hour, minute, second);
    // 2026-02-30 rolls over in Date.UTC: such a day is not a date.
    if (new Date(instant).getUTCDate() !== day) return undefined;
    return instant - CHINA_OFFSET_MS;
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const instant = Date.parse(text);
    return Number.isFinite(instant) ? instant : undefined;
  }
  return undefined;
}

/** A deadline cell: a time, or a span from dispatch ("5个工作日", "3工作日", "4个工作时", "24小时"). */
export function deadlineOf(value: CellValue | undefined): { at: number } | { rule: DeadlineRule } | undefined {
  const at = instantOf(value);
  if (at !== undefined) return { at };
  if (typeof value !== 'string') return undefined;
  const span = /^(\d+(?:\.\d+)?)\s*个?\s*(工作日|工作时|工作小时|小时|天)$/.exec(value.trim());
  if (!span) return undefined;
  const amount = Number(span[1]);
  if (!(amount > 0)) return undefined;
  const unit = span[2] === '工作日' ? 'working_day' : span[2] === '小时' ? 'hour' : span[2] === '天' ? 'hour' : 'working_hour';
  return { rule: { amount: span[2] === '天' ? amount * 24 : amount, unit } };
}

/** A coordinate cell as a finite number; text such as "120.17" too. */
export function coordinateOf(value: CellValue | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

import { formatChinaDateTime } from '../domain/china-time.ts';
import { ACTION_NAMES, SOURCE_NAMES, STATE_NAMES } from '../domain/issue-names.ts';
import { chineseNumber, type BulletinBlock, type BulletinContent, type BulletinImage } from './bulletin-content.ts';
import type { SpecialFigures, SpecialProblem } from './special-figures.ts';

/**
 * The 督查专报 written from its problems: a list of them, then one section each with what and
 * where it is, who answers for it (the department and the grid's leader), its photos before and
 * after rectification, where it is on a small map, and its history; and what the office asks.
 * Pure: the photos and maps are made elsewhere.
 */

export interface SpecialPictures {
  /** Before (the report's photo) and after (the latest rectification's), side by side. */
  photos: BulletinImage;
  /** Where it is: its grid and those around it. */
  locator: BulletinImage;
}

const overdueText = (problem: SpecialProblem) => (problem.workingDaysOverdue === null ? '' : `，已超期${problem.workingDaysOverdue}个工作日`);

function section(problem: SpecialProblem, index: number, pictures: SpecialPictures): BulletinBlock[] {
  return [
    { kind: 'heading', level: 2, text: `（${chineseNumber(index + 1)}）${problem.code}  ${problem.category}` },
    {
      kind: 'paragraph',
      text: `位置：${problem.address}（${problem.grid.name}网格，包片领导${problem.leader ? `${problem.leader.name}（${problem.leader.title}）` : '未指定'}）。责任部门：${problem.department ?? '尚未交办'}。`
        + `问题来源：${SOURCE_NAMES[problem.source]}，${formatChinaDateTime(problem.reportedAt)}发现。问题描述：${problem.description}。`
        + `整改时限：${problem.deadlineAt === null ? '未定' : formatChinaDateTime(problem.deadlineAt)}；当前状态：${STATE_NAMES[problem.state]}${overdueText(problem)}。`,
    },
    { kind: 'figure', caption: `图${2 * index + 1}  ${problem.code} 整改前（左）与整改后（右）现场照片`, image: pictures.photos },
    { kind: 'figure', caption: `图${2 * index + 2}  ${problem.code} 位置（${problem.grid.name}网格）`, image: pictures.locator },
    {
      kind: 'table',
      table: {
        title: `${problem.code} 处置经过`,
        columns: ['时间', '环节', '经办', '说明'],
        rows: problem.history.map((step) => [formatChinaDateTime(step.occurredAt), ACTION_NAMES[step.action], step.actor, step.note]),
      },
    },
  ];
}

export function specialBulletin(figures: SpecialFigures, pictures: readonly SpecialPictures[], issue: Pick<BulletinContent, 'number' | 'year' | 'issuedOn' | 'corrects'>): BulletinContent {
  const { problems } = figures;
  const overdue = problems.filter((problem) => problem.workingDaysOverdue !== null).length;
  return {
    series: 'special',
    office: figures.office,
    recipients: figures.recipients,
    title: `${figures.districtName}创城问题督查专报`,
    subtitle: `（${problems.length}个问题）`,
    blocks: [
      {
        kind: 'paragraph',
        text: `区创城指挥部办公室对以下${problems.length}个问题进行了督查，其中超期未整改${overdue}个。现将有关情况专报如下，请包片县级领导督促责任部门立即整改。`,
      },
      { kind: 'heading', level: 1, text: '一、问题清单' },
      {
        kind: 'table',
        table: {
          title: '督查问题清单',
          columns: ['序号', '问题编号', '问题类别', '地址', '网格', '责任部门', '超期工作日'],
          rows: problems.map((problem, index) => [index + 1, problem.code, problem.category, problem.address, problem.grid.name, problem.department, problem.workingDaysOverdue]),
        },
      },
      { kind: 'heading', level: 1, text: '二、问题详情' },
      ...problems.flatMap((problem, index) => section(problem, index, pictures[index]!)),
      { kind: 'heading', level: 1, text: '三、工作要求' },
      {
        kind: 'paragraph',
        text: '请各责任部门在3个工作日内完成整改，并通过系统提交整改前后对比照片；已超期的问题当日整改到位。请包片县级领导跟踪督办，区创城办将组织复查，复查结果纳入月度考核。',
      },
    ],
    ...issue,
  };
}

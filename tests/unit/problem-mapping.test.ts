import { describe, expect, it } from 'vitest';
import { cellText, coordinateOf, deadlineOf, guessProblemMapping, instantOf, stateOf } from '../../server/import/problem-mapping.ts';
import { importedProblemHistory } from '../../server/import/problem-history.ts';
import type { ImportedProblem } from '../../server/import/problem-import.ts';

describe('reading a problem export\'s cells', () => {
  it('reads times as Chinese systems write them, in China time', () => {
    const expected = Date.parse('2026-03-01T08:30:00+08:00');
    for (const text of ['2026-03-01 08:30', '2026/3/1 8:30:00', '2026.03.01 08:30', '2026年3月1日 8时30分', '2026-03-01T08:30']) {
      expect(instantOf(text), text).toBe(expected);
    }
    expect(instantOf('2026年3月1日')).toBe(Date.parse('2026-03-01T00:00:00+08:00'));
    expect(instantOf(46082.3541666667)).toBe(expected);
    expect(instantOf('2026-03-01T00:30:00Z')).toBe(expected);
    for (const text of ['2026-02-30', '2026-13-01', '2026-03-01 25:00', '昨天', '1.5', '']) expect(instantOf(text), text).toBeUndefined();
  });

  it('reads a deadline as a time or as a span of working time', () => {
    expect(deadlineOf('2026-03-08 18:00')).toEqual({ at: Date.parse('2026-03-08T18:00:00+08:00') });
    expect(deadlineOf('5个工作日')).toEqual({ rule: { amount: 5, unit: 'working_day' } });
    expect(deadlineOf('4 个工作时')).toEqual({ rule: { amount: 4, unit: 'working_hour' } });
    expect(deadlineOf('24小时')).toEqual({ rule: { amount: 24, unit: 'hour' } });
    expect(deadlineOf('2天')).toEqual({ rule: { amount: 48, unit: 'hour' } });
    expect(deadlineOf('尽快')).toBeUndefined();
    expect(deadlineOf('0个工作日')).toBeUndefined();
  });

  it('knows the states in other systems\' words, and nothing else', () => {
    expect(stateOf('已办结')).toBe('closed');
    expect(stateOf(' 办理中 ')).toBe('in_progress');
    expect(stateOf('已派遣')).toBe('assigned');
    expect(stateOf('不予受理')).toBe('void');
    expect(stateOf('待核查')).toBe('rectified');
    expect(stateOf('Closed')).toBe('closed');
    expect(stateOf('神秘')).toBeUndefined();
  });

  it('keeps long ids whole and refuses non-finite coordinates', () => {
    expect(cellText(202603010001234)).toBe('202603010001234');
    expect(coordinateOf(' 120.17 ')).toBe(120.17);
    expect(coordinateOf('NaN')).toBeUndefined();
    expect(coordinateOf('Infinity')).toBeUndefined();
    expect(coordinateOf('')).toBeUndefined();
  });

  it('guesses the columns of a 12345 export and of a 数字城管 one, exact names before partial ones', () => {
    expect(guessProblemMapping(['工单编号', '受理时间', '问题类别', '诉求内容', '发生地址', '经度', '纬度', '办理状态', '承办单位', '办理时限', '办结时间'])).toEqual({
      sourceId: '工单编号', reportedAt: '受理时间', category: '问题类别', description: '诉求内容', address: '发生地址', longitude: '经度',
      latitude: '纬度', state: '办理状态', department: '承办单位', deadline: '办理时限', closedAt: '办结时间',
    });
    expect(guessProblemMapping(['案卷编号', '立案时间', '案件小类', '案件描述', 'X', 'Y', '案件状态', '处置部门', '结案时间', '所属网格'])).toEqual({
      sourceId: '案卷编号', reportedAt: '立案时间', category: '案件小类', description: '案件描述', longitude: 'X', latitude: 'Y',
      state: '案件状态', department: '处置部门', closedAt: '结案时间', gridCode: '所属网格',
    });
    // 'x' is matched whole only: a header that merely contains it is not a longitude.
    expect(guessProblemMapping(['Index', 'Text']).longitude).toBeUndefined();
  });
});

describe('an imported problem\'s history', () => {
  const problem: ImportedProblem = {
    row: 2, sourceReference: 'GD1', categoryId: 1, description: '', address: '', longitude: 120, latitude: 30, gridId: 1,
    state: 'closed', departmentId: 7, reportedAt: 1000, assignedAt: 1000, deadlineAt: 9000, rectifiedAt: 5000, closedAt: 5000, voidedAt: null,
  };

  it('attests the steps its times show, in order, each from the state before', () => {
    expect(importedProblemHistory(problem, '12345导入', 'note').map(({ action, fromState, toState, occurredAt }) => [action, fromState, toState, occurredAt])).toEqual([
      ['report', null, 'reported', 1000], ['dispatch', 'reported', 'assigned', 1000], ['accept', 'assigned', 'in_progress', 1000],
      ['submit_rectification', 'in_progress', 'rectified', 5000], ['pass_inspection', 'rectified', 'closed', 5000],
    ]);
  });

  it('stops where the problem is: dispatched only, or voided before anyone took it', () => {
    expect(importedProblemHistory({ ...problem, state: 'assigned', rectifiedAt: null, closedAt: null }, 'a', 'n').map((event) => event.action)).toEqual(['report', 'dispatch']);
    expect(importedProblemHistory({ ...problem, state: 'void', departmentId: null, assignedAt: null, deadlineAt: null, rectifiedAt: null, closedAt: null, voidedAt: 3000 }, 'a', 'n')
      .map((event) => [event.action, event.toState])).toEqual([['report', 'reported'], ['void', 'void']]);
  });
});

import { describe, expect, it } from 'vitest';
import { selectByClick, undoOf, type DoneBulkAction } from '../../../client/dispatch-selection.ts';

const listed = [10, 11, 12, 13, 14];
const NOW = Date.parse('2026-11-20T07:00:00Z');

describe('selecting in the list', () => {
  it('selects one on click, toggles on Ctrl-click, takes a run on Shift-click', () => {
    expect([...selectByClick(new Set([10]), listed, 10, 12, { shift: false, toggle: false })]).toEqual([12]);
    expect([...selectByClick(new Set([10]), listed, 10, 12, { shift: false, toggle: true })]).toEqual([10, 12]);
    expect([...selectByClick(new Set([10, 12]), listed, 10, 12, { shift: false, toggle: true })]).toEqual([10]);
    expect([...selectByClick(new Set([13]), listed, 13, 11, { shift: true, toggle: false })]).toEqual([11, 12, 13]);
    expect([...selectByClick(new Set([14]), listed, 10, 11, { shift: true, toggle: true })]).toEqual([14, 10, 11]);
  });
});

describe('undoing a bulk action', () => {
  const entry = (id: number, departmentId: number, deadlineAt: string) =>
    ({ id, state: 'assigned' as const, department: { id: departmentId, name: `部门${departmentId}` }, deadlineAt, versionAfter: 5 });

  it('reassigns each problem back to its former department and deadline, one request per pair', () => {
    const done: DoneBulkAction = { action: 'reassign', before: [entry(1, 3, '2026-11-25T01:00:00.000Z'), entry(2, 4, '2026-11-25T01:00:00.000Z'), entry(3, 3, '2026-11-25T01:00:00.000Z')] };
    expect(undoOf(done, NOW)).toEqual({
      body: [
        { action: 'reassign', note: '撤销', deadline: '2026-11-25T01:00:00.000Z', departmentId: 3, items: [{ id: 1, version: 5 }, { id: 3, version: 5 }] },
        { action: 'reassign', note: '撤销', deadline: '2026-11-25T01:00:00.000Z', departmentId: 4, items: [{ id: 2, version: 5 }] },
      ],
    });
  });

  it('sends a dispatch back, and cannot undo a void or restore a deadline already passed', () => {
    expect(undoOf({ action: 'dispatch', before: [{ id: 1, state: 'reported', department: null, deadlineAt: null, versionAfter: 2 }] }, NOW))
      .toEqual({ body: [{ action: 'send_back', note: '撤销交办', items: [{ id: 1, version: 2 }] }] });
    expect(undoOf({ action: 'void', before: [entry(1, 3, '2026-11-25T01:00:00.000Z')] }, NOW)).toEqual({ impossible: 'void cannot be undone' });
    expect(undoOf({ action: 'set_deadline', before: [entry(1, 3, '2026-11-19T01:00:00.000Z')] }, NOW)).toEqual({ impossible: 'a former deadline has passed' });
  });
});

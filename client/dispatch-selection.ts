import type { IssueSummary } from '../server/schemas/issues.ts';
import type { BulkActionBody } from '../server/schemas/issue-workflow.ts';
import { chinaDate } from './china-time.ts';

/** Pure rules of the dispatcher's list: selecting by click, Ctrl-click and Shift-click, and undoing a bulk action. */

/** Click selects one; Ctrl/Cmd-click toggles one; Shift-click selects the run from the anchor to it, in list order. */
export function selectByClick(
  current: ReadonlySet<number>, listed: readonly number[], anchor: number | null, clicked: number, keys: { shift: boolean; toggle: boolean },
): Set<number> {
  if (keys.shift && anchor !== null && listed.includes(anchor)) {
    const [from, to] = [listed.indexOf(anchor), listed.indexOf(clicked)].sort((a, b) => a - b);
    return new Set([...(keys.toggle ? current : []), ...listed.slice(from, to! + 1)]);
  }
  if (keys.toggle) {
    const next = new Set(current);
    if (next.has(clicked)) next.delete(clicked);
    else next.add(clicked);
    return next;
  }
  return new Set([clicked]);
}

/** What a bulk action changed, kept so it can be undone. */
export interface DoneBulkAction {
  action: BulkActionBody['action'];
  before: Array<Pick<IssueSummary, 'id' | 'state' | 'department' | 'deadlineAt'> & { versionAfter: number }>;
}

/**
 * The bulk action that puts things back, or why none can: a dispatch is sent back, a reassignment
 * reassigned to each problem's former department and deadline, a deadline change changed back.
 * A void cannot be undone (voided problems take no action), nor a deadline that has passed.
 */
export function undoOf(done: DoneBulkAction, actor: string, now: number): { body: BulkActionBody[] } | { impossible: string } {
  const items = (entry: DoneBulkAction['before'][number]) => ({ id: entry.id, version: entry.versionAfter });
  switch (done.action) {
    case 'dispatch':
      return { body: [{ action: 'send_back', actor, note: '撤销交办', items: done.before.map(items) }] };
    case 'reassign':
    case 'set_deadline': {
      if (done.before.some((entry) => entry.deadlineAt === null || Date.parse(entry.deadlineAt) <= now)) {
        return { impossible: 'a former deadline has passed' };
      }
      // Problems go back one request per former department and deadline, as a bulk action carries one of each.
      const groups = new Map<string, DoneBulkAction['before']>();
      for (const entry of done.before) {
        const key = `${done.action === 'reassign' ? entry.department?.id : ''}|${entry.deadlineAt}`;
        groups.set(key, [...(groups.get(key) ?? []), entry]);
      }
      return {
        body: [...groups.values()].map((group) => ({
          action: done.action, actor, note: '撤销', deadline: group[0]!.deadlineAt!, items: group.map(items),
          ...(done.action === 'reassign' ? { departmentId: group[0]!.department!.id } : {}),
        })),
      };
    }
    default:
      return { impossible: `${done.action} cannot be undone` };
  }
}

/** The dispatcher's deadline filter: every problem, those due by the end of today (China time), or within the next hours. */
export type DeadlineFilter = 'any' | 'today' | 'next24' | 'next72';

export function dueIn(filter: DeadlineFilter, deadlineAt: string | null, now: number): boolean {
  if (filter === 'any') return true;
  if (deadlineAt === null) return false;
  const deadline = Date.parse(deadlineAt);
  if (deadline < now) return false;
  if (filter === 'today') return deadline < Date.parse(`${chinaDate(now)}T00:00:00+08:00`) + 86_400_000;
  return deadline <= now + (filter === 'next24' ? 24 : 72) * 3_600_000;
}

import type { IssueSummary, BulkActionBody } from '../server/schemas/contract.ts';

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
export function undoOf(done: DoneBulkAction, serverNow: number | null): { body: BulkActionBody[] } | { impossible: string } {
  const items = (entry: DoneBulkAction['before'][number]) => ({ id: entry.id, version: entry.versionAfter });
  switch (done.action) {
    case 'dispatch':
      return { body: [{ action: 'send_back', note: '撤销交办', items: done.before.map(items) }] };
    case 'reassign':
    case 'set_deadline': {
      // Judged on the server's clock, which judges the deadline the undo sets; unknown, the server decides.
      if (done.before.some((entry) => entry.deadlineAt === null || (serverNow !== null && Date.parse(entry.deadlineAt) <= serverNow))) {
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
          action: done.action, note: '撤销', deadline: group[0]!.deadlineAt!, items: group.map(items),
          ...(done.action === 'reassign' ? { departmentId: group[0]!.department!.id } : {}),
        })),
      };
    }
    default:
      return { impossible: `${done.action} cannot be undone` };
  }
}

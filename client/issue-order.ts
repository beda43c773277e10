import type { IssueSummary } from '../server/schemas/contract.ts';

/** Overdue first, then by deadline, undispatched last, newest first among equals: the order a leader chases them in. */
export function chaseOrder(a: IssueSummary, b: IssueSummary): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.deadlineAt === b.deadlineAt) return b.id - a.id;
  if (a.deadlineAt === null) return 1;
  if (b.deadlineAt === null) return -1;
  return a.deadlineAt.localeCompare(b.deadlineAt);
}

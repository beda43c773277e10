import type { WorkflowChanges } from '../domain/issue-workflow.ts';

/** Each workflow field and its column. */
export const WORKFLOW_COLUMNS: Record<keyof WorkflowChanges, string> = {
  state: 'state',
  departmentId: 'department_id',
  deadlineAt: 'deadline_at',
  requestedDeadlineAt: 'requested_deadline_at',
  extended: 'extended',
  reworkCount: 'rework_count',
  assignedAt: 'assigned_at',
  acceptedAt: 'accepted_at',
  rectifiedAt: 'rectified_at',
  closedAt: 'closed_at',
  voidedAt: 'voided_at',
};

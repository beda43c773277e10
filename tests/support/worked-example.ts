import type { PerformanceEvent, PerformanceIssue } from '../../server/domain/performance-contributions.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';

/**
 * The worked example of docs/metrics.md: grid 1, department 5, October 2026. Each problem is
 * written out by hand so the expected figures can be checked with a pencil.
 */

const at = parseChinaDateTime;
const dispatch = (time: string, departmentId = 5): PerformanceEvent => ({ occurredAt: at(time), action: 'dispatch', dispatchedTo: departmentId });
const submit = (time: string): PerformanceEvent => ({ occurredAt: at(time), action: 'submit_rectification', dispatchedTo: null });
const fail = (time: string): PerformanceEvent => ({ occurredAt: at(time), action: 'fail_inspection', dispatchedTo: null });

function problem(fields: Partial<PerformanceIssue> & { reported: string }): PerformanceIssue {
  const { reported, ...rest } = fields;
  return {
    gridId: 1, departmentId: 5, state: 'closed', deadlineAt: null, reportedAt: at(reported), assignedAt: null,
    rectifiedAt: null, closedAt: null, extended: false, recurrenceOf: null, ...rest,
  };
}

export const WORKED_EXAMPLE: Array<{ label: string; issue: PerformanceIssue; events: PerformanceEvent[] }> = [
  {
    label: 'P1 across National Day, rectified on the make-up Saturday: late',
    issue: problem({
      reported: '2026-09-30T10:00', assignedAt: at('2026-09-30T16:00'), deadlineAt: at('2026-10-09T16:00'),
      rectifiedAt: at('2026-10-10T09:30'), closedAt: at('2026-10-10T10:30'),
    }),
    events: [dispatch('2026-09-30T16:00'), submit('2026-10-10T09:30')],
  },
  {
    label: 'P2 closed the same day: on time',
    issue: problem({
      reported: '2026-10-12T08:40', assignedAt: at('2026-10-12T09:00'), deadlineAt: at('2026-10-13T09:00'),
      rectifiedAt: at('2026-10-12T15:00'), closedAt: at('2026-10-12T16:30'),
    }),
    events: [dispatch('2026-10-12T09:00'), submit('2026-10-12T15:00')],
  },
  {
    label: 'P3 extended (缓办), closed before its new deadline',
    issue: problem({
      reported: '2026-10-14T09:00', assignedAt: at('2026-10-14T10:00'), deadlineAt: at('2026-10-30T17:30'), extended: true,
      rectifiedAt: at('2026-10-29T09:00'), closedAt: at('2026-10-29T11:00'),
    }),
    events: [dispatch('2026-10-14T10:00'), submit('2026-10-29T09:00')],
  },
  {
    label: 'P4 failed its first re-inspection (返工), then closed late',
    issue: problem({
      reported: '2026-10-20T08:45', assignedAt: at('2026-10-20T09:00'), deadlineAt: at('2026-10-22T09:00'),
      rectifiedAt: at('2026-10-22T11:00'), closedAt: at('2026-10-22T15:00'),
    }),
    events: [dispatch('2026-10-20T09:00'), submit('2026-10-21T10:00'), fail('2026-10-21T14:00'), submit('2026-10-22T11:00')],
  },
  {
    label: 'P5 still in progress past its deadline',
    issue: problem({
      reported: '2026-10-26T08:50', state: 'in_progress', assignedAt: at('2026-10-26T09:00'), deadlineAt: at('2026-10-27T09:00'),
    }),
    events: [dispatch('2026-10-26T09:00')],
  },
  {
    label: 'P6 voided as a duplicate: counts nowhere',
    issue: problem({ reported: '2026-10-16T10:00', state: 'void', departmentId: null }),
    events: [],
  },
  {
    label: 'P7 a recurrence of P2, reported and not yet dispatched',
    issue: problem({ reported: '2026-10-25T10:00', state: 'reported', departmentId: null, recurrenceOf: 2 }),
    events: [],
  },
];

/** Two field evaluations of the grid's points in October. */
export const WORKED_EXAMPLE_EVALUATIONS = [82.5, 67.5];

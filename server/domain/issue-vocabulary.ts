/** Fixed vocabularies of the issue workflow (domain reference: "Issue lifecycle", "Where problems come from"). */

export const ISSUE_STATES = ['reported', 'assigned', 'in_progress', 'rectified', 'closed', 'void'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

export const OPEN_STATES: readonly IssueState[] = ['reported', 'assigned', 'in_progress', 'rectified'];
/** States in which the department still owes a rectification: past the deadline here means overdue. */
export const AWAITING_RECTIFICATION_STATES: readonly IssueState[] = ['assigned', 'in_progress'];

export const ISSUE_SOURCES = [
  'leader_supervision',
  'regulator_joint_inspection',
  'grid_patrol',
  'territorial_survey',
  'city_feedback',
  'third_party_evaluation',
  'citizen_report',
  'supervision_bulletin',
] as const;
export type IssueSource = (typeof ISSUE_SOURCES)[number];

export const ISSUE_ACTIONS = [
  'report',
  'dispatch',
  'reassign',
  'set_deadline',
  'accept',
  'send_back',
  'submit_rectification',
  'pass_inspection',
  'fail_inspection',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'void',
  'reopen',
  'supervise',
] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

export const EVALUATOR_KINDS = ['third_party', 'city', 'district'] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];

export const EVALUATION_VERDICTS = ['pass', 'fail', 'serious_fail'] as const;
export type EvaluationVerdict = (typeof EVALUATION_VERDICTS)[number];

/** 合格 at 70% and above, 严重不合格 below 50% (configurable later with the scoring settings). */
export function verdictForScoreRate(scoreRate: number): EvaluationVerdict {
  if (scoreRate >= 70) return 'pass';
  if (scoreRate >= 50) return 'fail';
  return 'serious_fail';
}

export const GRID_ROLES = ['lead', 'territorial', 'supporting'] as const;
export type GridRole = (typeof GRID_ROLES)[number];

export const DEPARTMENT_KINDS = ['bureau', 'street_office', 'partner_unit'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

import { chinaYear } from './china-time.ts';
import type { IssueAction, IssueSource, IssueState } from './issue-vocabulary.ts';
import { dispatchedTo, issueContributions, type Contribution } from './performance-contributions.ts';

/**
 * A problem as it enters a district, whatever it comes from — the demo's simulation or an export
 * of 12345 or 数字城管 — with its history: one value, written by one writer. Its number, version
 * and time of last change follow from its id and its history.
 */
export interface ProblemRecord {
  categoryId: number;
  source: IssueSource;
  description: string;
  address: string;
  longitude: number;
  latitude: number;
  gridId: number;
  state: IssueState;
  departmentId: number | null;
  deadlineAt: number | null;
  reportedAt: number;
  assignedAt: number | null;
  acceptedAt: number | null;
  /** When the last rectification was submitted; for a closed problem, the one that passed. */
  rectifiedAt: number | null;
  closedAt: number | null;
  voidedAt: number | null;
  extended: boolean;
  reworkCount: number;
  /** The problem (by id) this one is a 反弹 of. */
  recurrenceOf: number | null;
  /** The system it was exported from and its id there; a problem of an origin is added once only. */
  origin: { system: string; reference: string } | null;
}

export interface ProblemEvent {
  occurredAt: number;
  actor: string;
  action: IssueAction;
  fromState: IssueState | null;
  toState: IssueState;
  changes: Record<string, [unknown, unknown]>;
  note: string | null;
}

/** A problem and its history, oldest step first (there is always the report). */
export interface ProblemWithHistory {
  problem: ProblemRecord;
  events: readonly ProblemEvent[];
}

/** What the problem adds to the daily performance counters. */
export function problemContributions({ problem, events }: ProblemWithHistory): Contribution[] {
  return issueContributions(problem, events.map((event) => ({ ...event, dispatchedTo: dispatchedTo(event.changes) })));
}

/** The version a written problem starts at (one per step of its history) and when it last changed. */
export function problemVersion({ events }: ProblemWithHistory): { version: number; updatedAt: number } {
  return { version: events.length, updatedAt: events.at(-1)!.occurredAt };
}

/** A problem's number: the year it was reported in (China time) and its id. */
export function problemCode(id: number, reportedAt: number): string {
  return `CC-${chinaYear(reportedAt)}-${String(id).padStart(7, '0')}`;
}

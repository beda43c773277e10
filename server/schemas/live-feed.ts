import { Type } from 'typebox';
import { Instant } from './common.ts';
import { IssueEvent, IssueSummary } from './issues.ts';

/**
 * A district's live-feed messages (GET /api/districts/<code>/events, Server-Sent Events; each
 * message's `type` is its event name). Every message carries the server's time, from which a client whose own clock is
 * wrong learns the right one.
 */

export const LiveIssueMessage = Type.Object({
  type: Type.Literal('issue'),
  id: Type.Integer({ description: 'the event id, also the SSE id to resume from' }),
  event: Type.Object({ ...IssueEvent.properties, issueId: Type.Integer() }),
  issue: IssueSummary,
  at: Instant,
}, { description: 'a problem changed: the event, and the problem as it now is' });

export const LiveIssuesMessage = Type.Object({
  type: Type.Literal('issues'),
  id: Type.Integer({ description: 'the last of the events, also the SSE id to resume from' }),
  eventIds: Type.Array(Type.Integer()),
  issueIds: Type.Array(Type.Integer(), { description: 'the problems they changed' }),
  at: Instant,
}, { description: 'many problems changed at once (a bulk action): which, without each one\'s detail' });

export const LiveCountsMessage = Type.Object({
  type: Type.Literal('counts'),
  open: Type.Integer(),
  overdue: Type.Integer(),
  at: Instant,
}, { description: 'the district\'s open and overdue problems now' });

export const LiveSettingsMessage = Type.Object({
  type: Type.Literal('settings'),
  changeId: Type.Integer({ description: 'the scoring settings change now in force' }),
  at: Instant,
}, { description: 'the scoring settings changed: grades, colours and lists are to be fetched again' });

export const LiveClockMessage = Type.Object({
  type: Type.Literal('clock'),
  at: Instant,
}, { description: 'the heartbeat, with the server\'s time' });

export const LiveMessage = Type.Union([LiveIssueMessage, LiveIssuesMessage, LiveCountsMessage, LiveSettingsMessage, LiveClockMessage]);

import { Type } from 'typebox';
import { Instant } from './common.ts';
import { IssueAction, IssueSource, IssueSummary } from './issues.ts';

export const ScreenToday = Type.Object({
  at: Instant,
  day: Type.String({ description: 'today in China time, YYYY-MM-DD' }),
  open: Type.Integer(),
  overdue: Type.Integer(),
  newToday: Type.Integer({ description: 'problems reported since China midnight' }),
  closedToday: Type.Integer({ description: 'problems closed (销号) since China midnight' }),
  bySource: Type.Array(Type.Object({ source: IssueSource, open: Type.Integer(), reportedToday: Type.Integer() })),
  topCategories: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), parentName: Type.String(), open: Type.Integer() })),
  latestEvents: Type.Array(Type.Object({
    id: Type.Integer(), occurredAt: Instant, action: IssueAction, actor: Type.String(),
    issueId: Type.Integer(), issueCode: Type.String(), categoryName: Type.String(), gridName: Type.String(),
    photoId: Type.Union([Type.Integer(), Type.Null()], { description: 'a 复查通过销号\'s after-photo (the latest rectification\'s first), for the wall to show' }),
  })),
});

export const OldestOverdueQuery = Type.Object({ grid: Type.String({ minLength: 1, maxLength: 20, description: 'the toured grid\'s code' }) }, { additionalProperties: false });
export const OldestOverdue = Type.Object({
  issue: Type.Union([IssueSummary, Type.Null()], { description: 'the grid\'s problem overdue the longest, or null when none is' }),
});

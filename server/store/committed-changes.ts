import type { Repositories } from './repositories.ts';

/** What a committed unit of work recorded that open pages must hear of. */
export type CommittedChange =
  | { kind: 'events'; eventIds: number[] }
  | { kind: 'settings'; changeId: number };

export type CommittedChangeListener = (change: CommittedChange) => void;

/**
 * A unit of work's repositories, noting the events and settings changes it records, so that the
 * store can tell listeners of them once (and only if) the unit commits.
 */
export function noteChanges(repositories: Repositories, noted: CommittedChange[]): Repositories {
  const eventIds: number[] = [];
  return {
    ...repositories,
    workflow: {
      ...repositories.workflow,
      async recordEvent(event) {
        const id = await repositories.workflow.recordEvent(event);
        if (eventIds.length === 0) noted.push({ kind: 'events', eventIds });
        eventIds.push(id);
        return id;
      },
    },
    scoringSettings: {
      ...repositories.scoringSettings,
      async record(...change) {
        const recorded = await repositories.scoringSettings.record(...change);
        noted.push({ kind: 'settings', changeId: recorded.id });
        return recorded;
      },
    },
  };
}

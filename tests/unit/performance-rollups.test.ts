import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerformanceRollups } from '../../server/sqlite/performance-rollups.ts';
import { recomputedCounters as recomputedCountersOf, storedCounters as storedCountersOf } from '../support/performance-counters.ts';
import { createSeededDatabase, TEST_NOW, type TestDatabase } from '../support/test-database.ts';

/** The stored daily counters must always equal a recomputation from the problems themselves. */
let district: TestDatabase;
beforeAll(() => {
  district = createSeededDatabase(2000);
});
afterAll(() => district.remove());

const storedCounters = () => storedCountersOf(district.database);
const recomputedCounters = () => recomputedCountersOf(district.database);

function openIssue(state: string, offset = 0): { id: number; departmentId: number } {
  return district.database.prepare(`SELECT id, department_id AS departmentId FROM issues WHERE state = @state ORDER BY id LIMIT 1 OFFSET @offset`)
    .get({ state, offset }) as { id: number; departmentId: number };
}

const addEvent = (issueId: number, occurredAt: number, action: string, fromState: string, toState: string, changes: object = {}) =>
  district.database.prepare(`INSERT INTO issue_events (issue_id, occurred_at, actor, action, from_state, to_state, changes)
    VALUES (@issueId, @occurredAt, '测试', @action, @fromState, @toState, @changes)`)
    .run({ issueId, occurredAt, action, fromState, toState, changes: JSON.stringify(changes) });

describe('performance counters', () => {
  it('are written by the seed equal to a full recomputation', () => {
    const stored = storedCounters();
    expect(stored.length).toBeGreaterThan(100);
    expect(stored).toEqual(recomputedCounters());
  });

  it('stay equal to a full recomputation through closings, reassignments, rework and voiding', () => {
    const rollups = createPerformanceRollups(district.database);
    const update = (id: number, assignments: string, parameters: object = {}) =>
      district.database.prepare(`UPDATE issues SET ${assignments}, version = version + 1, updated_at = @now WHERE id = @id`).run({ id, now: TEST_NOW, ...parameters });
    const before = storedCounters();

    const closing = openIssue('rectified');
    rollups.withdrawIssue(closing.id);
    update(closing.id, "state = 'closed', closed_at = @now");
    addEvent(closing.id, TEST_NOW, 'pass_inspection', 'rectified', 'closed');
    rollups.addIssue(closing.id);

    const reworked = openIssue('in_progress', 1);
    rollups.withdrawIssue(reworked.id);
    update(reworked.id, "rework_count = rework_count + 1, rectified_at = @now");
    addEvent(reworked.id, TEST_NOW - 3_600_000, 'submit_rectification', 'in_progress', 'rectified');
    addEvent(reworked.id, TEST_NOW, 'fail_inspection', 'rectified', 'in_progress');
    rollups.addIssue(reworked.id);

    const reassigned = openIssue('assigned');
    const otherDepartment = reassigned.departmentId === 1 ? 2 : 1;
    rollups.withdrawIssue(reassigned.id);
    update(reassigned.id, 'department_id = @departmentId, deadline_at = @deadline', { departmentId: otherDepartment, deadline: TEST_NOW + 86_400_000 });
    addEvent(reassigned.id, TEST_NOW, 'dispatch', 'assigned', 'assigned', { departmentId: [reassigned.departmentId, otherDepartment] });
    rollups.addIssue(reassigned.id);

    const voided = openIssue('in_progress');
    rollups.withdrawIssue(voided.id);
    update(voided.id, "state = 'void', voided_at = @now");
    addEvent(voided.id, TEST_NOW, 'void', 'in_progress', 'void');
    rollups.addIssue(voided.id);

    const after = storedCounters();
    expect(after).not.toEqual(before);
    expect(after).toEqual(recomputedCounters());
  });

  it('are rebuilt from scratch to the same figures', () => {
    const before = storedCounters();
    createPerformanceRollups(district.database).rebuild();
    expect(storedCounters()).toEqual(before);
  });
});

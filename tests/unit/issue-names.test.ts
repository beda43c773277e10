import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, SOURCE_NAMES, STATE_NAMES } from '../../server/domain/issue-names.ts';
import { ISSUE_ACTIONS, ISSUE_SOURCES, ISSUE_STATES } from '../../server/domain/issue-vocabulary.ts';
import { chineseNumber } from '../../server/bulletins/bulletin-content.ts';

const chinese = JSON.parse(readFileSync(new URL('../../client/locales/zh-CN.json', import.meta.url), 'utf8'));

describe('the workflow\'s words in documents', () => {
  it('name every state, source and action as the screens do', () => {
    expect(Object.keys(STATE_NAMES).sort()).toEqual([...ISSUE_STATES].sort());
    expect(Object.keys(SOURCE_NAMES).sort()).toEqual([...ISSUE_SOURCES].sort());
    expect(Object.keys(ACTION_NAMES).sort()).toEqual([...ISSUE_ACTIONS].sort());
    expect(STATE_NAMES).toEqual(Object.fromEntries(ISSUE_STATES.map((state) => [state, chinese.states[state]])));
    expect(SOURCE_NAMES).toEqual(Object.fromEntries(ISSUE_SOURCES.map((source) => [source, chinese.sources[source]])));
    expect(ACTION_NAMES).toEqual(Object.fromEntries(ISSUE_ACTIONS.map((action) => [action, chinese.actions[action]])));
  });

  it('number a 督查专报\'s sections as documents do', () => {
    expect([1, 9, 10, 11, 20, 34, 50].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '二十', '三十四', '五十']);
  });
});

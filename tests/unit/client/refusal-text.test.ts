import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import zhCN from '../../../client/locales/zh-CN.json';
import en from '../../../client/locales/en.json';
import { refusalText } from '../../../client/api/refusal-text.ts';
import { REFUSAL_CODES, REFUSAL_PARAMETERS } from '../../../server/schemas/refusal-codes.ts';

const LOCALES = { 'zh-CN': zhCN, en } as const;
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!);

async function translator(language: keyof typeof LOCALES) {
  const i18n = createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: language, fallbackLng: false, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('the texts of refusals', () => {
  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])('%s has a text for every code the server can send, naming only that code\'s parameters', (language) => {
    const texts = LOCALES[language].refusals.codes as Record<string, string>;
    const missing = REFUSAL_CODES.filter((code) => !texts[code]?.trim());
    expect(missing).toEqual([]);
    for (const code of REFUSAL_CODES) {
      const declared: readonly string[] = REFUSAL_PARAMETERS[code];
      expect(placeholders(texts[code]!).filter((name) => !declared.includes(name)), code).toEqual([]);
    }
    // No text for a code the server does not know: it would be dead.
    expect(Object.keys(texts).filter((code) => !(REFUSAL_CODES as string[]).includes(code))).toEqual([]);
  });

  it('says a workflow refusal in Chinese, naming the state and the allowed actions as the screens do', async () => {
    const t = await translator('zh-CN');
    expect(refusalText(t, { code: 'action_not_allowed', params: { action: 'accept', state: 'rectified', allowed: ['pass_inspection', 'fail_inspection'] } }))
      .toBe('问题处于「待复查」状态，不能签收；当前可以：复查通过销号、复查不通过');
    expect(refusalText(t, { code: 'already_with_department', params: { field: 'departmentId' } })).toBe('问题已由该部门负责，请选择其他部门');
    expect(refusalText(t, { code: 'invalid_parameter', params: { field: 'deadlineAt' } })).toBe('「整改期限」填写有误');
    expect(refusalText(t, { code: 'not_found', params: { resource: 'issue', id: 42 } })).toBe('问题 42 不存在，或不在您的权限范围内');
  });

  it('says the same refusal in English when that is the reader\'s language', async () => {
    const t = await translator('en');
    expect(refusalText(t, { code: 'version_conflict', params: { version: 3, currentVersion: 4, state: 'assigned' } }))
      .toBe('Someone changed the problem (version 3 is now 4, "Assigned"); reload it and try again');
    expect(refusalText(t, { code: 'window_too_long', params: { field: 'days', maximumDays: 366, days: 400 } })).toBe('A window covers at most 366 days; this one covers 400');
  });

  it('leaves a refusal without a code it knows to the server\'s own message', async () => {
    const t = await translator('zh-CN');
    expect(refusalText(t, { code: 'from_a_newer_server', params: {} })).toBeNull();
    expect(refusalText(t, null)).toBeNull();
  });
});

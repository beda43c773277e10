import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { centroid } from '@turf/turf';
import type { LightMyRequestResponse } from 'fastify';
import zhCN from '../../client/locales/zh-CN.json';
import { refusalText } from '../../client/api/refusal-text.ts';
import { isRefusalCode, REFUSAL_PARAMETERS } from '../../server/schemas/refusal-codes.ts';
import type { GridCollection, IssueDetail } from '../../server/schemas/contract.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDistrict, type TestDistrict } from '../support/test-district.ts';

/**
 * Refusals as the API sends them: each with a code the client has texts for and every parameter
 * that code names, beside the English message, so that a dispatcher reads it in Chinese.
 */
describe('refusals carry a stable code and its parameters', () => {
  let district: TestDistrict;
  let app: TestApp;
  let issue: IssueDetail;
  const base = '/api/districts/qingchuan';
  const i18n = createInstance();

  beforeAll(async () => {
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
    district = await createTestDistrict('sqlite', 300);
    app = await buildTestApp({ store: district.openStore() });
    const grids = (await app.inject(`${base}/grids`)).json() as GridCollection;
    const [longitude, latitude] = centroid(grids.features.find((feature) => feature.properties.code === 'B07')!).geometry.coordinates as [number, number];
    issue = (await app.inject({
      method: 'POST', url: `${base}/issues`,
      payload: { category: 'sanitation_blind_spot', source: 'grid_patrol', description: '楼道堆放杂物', address: '测试路 1 号', longitude, latitude },
    })).json() as IssueDetail;
    issue = (await app.inject({ method: 'POST', url: `${base}/issues/${issue.id}/actions`, payload: { action: 'dispatch', version: 1 } })).json() as IssueDetail;
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  /** The refusal's code and parameters, checked to be whole, and how the dispatcher reads it. */
  function refusalOf(response: LightMyRequestResponse, status: number) {
    expect(response.statusCode, response.body).toBe(status);
    const body = response.json() as { code: unknown; params: Record<string, unknown>; message: string };
    expect(isRefusalCode(body.code), String(body.code)).toBe(true);
    expect(Object.keys(body.params).sort()).toEqual([...REFUSAL_PARAMETERS[body.code as keyof typeof REFUSAL_PARAMETERS]].sort());
    expect(body.message).toMatch(/[a-z]/);
    const text = refusalText(i18n.t, body)!;
    expect(text).not.toMatch(/\{\{|undefined/);
    return { ...body, text };
  }
  const act = (body: object) => app.inject({ method: 'POST', url: `${base}/issues/${issue.id}/actions`, payload: body });

  it('names the department a problem is already with', async () => {
    const refusal = refusalOf(await act({ action: 'reassign', version: issue.version, departmentId: issue.department!.id }), 400);
    expect(refusal).toMatchObject({ code: 'already_with_department', params: { field: 'departmentId' } });
    expect(refusal.text).toBe('问题已由该部门负责，请选择其他部门');
  });

  it('names the state and the actions it allows when an action does not fit it', async () => {
    const refusal = refusalOf(await act({ action: 'pass_inspection', version: issue.version }), 409);
    expect(refusal).toMatchObject({ code: 'action_not_allowed', params: { action: 'pass_inspection', state: 'assigned' } });
    expect(refusal.params.allowed).toEqual(expect.arrayContaining(['accept', 'reassign']));
    expect(refusal.text).toMatch(/^问题处于「已交办」状态，不能复查通过销号；当前可以：.*签收/);
  });

  it('names both versions when the problem changed meanwhile', async () => {
    const refusal = refusalOf(await act({ action: 'accept', version: issue.version - 1 }), 409);
    expect(refusal).toMatchObject({ code: 'version_conflict', params: { version: issue.version - 1, currentVersion: issue.version, state: 'assigned' } });
    expect(refusal.text).toContain(`第 ${issue.version - 1} 版已变为第 ${issue.version} 版，现为「已交办」`);
  });

  it('names the note an action needs and the deadline it refuses', async () => {
    expect(refusalOf(await act({ action: 'void', version: issue.version }), 400)).toMatchObject({ code: 'note_required', params: { field: 'note', action: 'void' }, text: '「作废」需要填写说明' });
    expect(refusalOf(await act({ action: 'set_deadline', version: issue.version, deadline: '2020-01-01T08:00:00+08:00' }), 400))
      .toMatchObject({ code: 'deadline_not_future', params: { field: 'deadlineAt' } });
  });

  it('names the field a malformed request breaks, and what does not exist', async () => {
    expect(refusalOf(await act({ version: issue.version }), 400)).toMatchObject({ code: 'invalid_request', params: { field: 'action', rule: 'required' } });
    expect(refusalOf(await app.inject(`${base}/issues?grid=Z99`), 400)).toMatchObject({ code: 'unknown_grid', params: { field: 'grid', grid: 'Z99' }, text: '没有编码为 Z99 的网格' });
    expect(refusalOf(await app.inject(`${base}/issues/99999999`), 404)).toMatchObject({ code: 'not_found', params: { resource: 'issue', id: 99999999 } });
    expect(refusalOf(await app.inject('/api/districts/nowhere/grids'), 404)).toMatchObject({ code: 'unknown_district', params: { district: 'nowhere' } });
    expect(refusalOf(await app.inject('/api/no-such-thing'), 404)).toMatchObject({ code: 'route_not_found', params: { method: 'GET', path: '/api/no-such-thing' } });
  });

  it('names the limits of a window of days', async () => {
    expect(refusalOf(await app.inject(`${base}/performance?unit=grid&days=5000`), 400)).toMatchObject({ code: 'invalid_request', params: { field: 'days', rule: 'maximum' } });
    expect(refusalOf(await app.inject(`${base}/performance?unit=grid&from=2026-01-01&days=3`), 400))
      .toMatchObject({ code: 'parameters_exclusive', params: { field: 'from', other: 'days' }, text: '「开始日期」不能与「天数」同时给出' });
  });
});

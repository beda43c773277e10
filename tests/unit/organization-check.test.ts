import { describe, expect, it } from 'vitest';
import { checkOrganization, type CurrentOrganization } from '../../server/domain/organization-check.ts';
import type { Organization } from '../../server/import/organization-workbook.ts';

const noUnits = () => ({ lead: [], territorial: [], supporting: [] });
const current = (): CurrentOrganization => ({
  leaders: new Map([['张伟', '副区长']]),
  departments: new Map([['区城市管理局', { kind: 'bureau', street: null }]]),
  grids: new Map([['G01', { name: '长寿社区', leader: null, units: noUnits() }], ['G02', { name: '长庆社区', leader: '张伟', units: { ...noUnits(), lead: ['区城市管理局'] } }]]),
  categories: [{ code: '01', name: '市容环境', parentCode: null }, { code: '0101', name: '占道经营', parentCode: '01' }, { code: '0102', name: '乱堆乱放', parentCode: '01' }],
  routes: new Map([['G01|0101', '区城市管理局']]),
  accounts: new Map([
    ['admin', { displayName: '赵磊', roles: ['admin'], department: null, grids: [] }],
    ['worker', { displayName: '王芳', roles: ['gridworker'], department: null, grids: ['B01'] }],
  ]),
});
const workbook = (parts: Partial<Organization>): Organization => ({ leaders: [], departments: [], grids: [], routes: [], accounts: [], ...parts });

describe('an organization workbook checked against the district', () => {
  it('takes a grid with no leader yet as it is, and names a leader the district does not have', () => {
    const { problems, changes } = checkOrganization(workbook({
      grids: [{ row: 2, code: 'G01', name: '', leader: '', units: noUnits() }, { row: 3, code: 'G02', name: '', leader: '王五', units: noUnits() }],
    }), current());
    expect(problems).toEqual([{ sheet: '网格责任', row: 3, column: '包片领导', problem: 'no leader named 王五 in the sheet 领导 or the district' }]);
    expect(changes.gridsUnchanged).toBe(1);
  });

  it('routes a 大类 to all of its 小类 and lets a later row override, counting what changes', () => {
    const { problems, routes, changes } = checkOrganization(workbook({
      routes: [{ row: 2, grid: '全部', category: '市容环境', department: '区城市管理局' }, { row: 3, grid: 'G02', category: '乱堆乱放', department: '区城市管理局' }],
    }), current());
    expect(problems).toEqual([]);
    expect(routes.map((route) => `${route.grid}|${route.category}`).sort()).toEqual(['G01|0102', 'G02|0101', 'G02|0102']);
    expect(changes).toMatchObject({ routesChanged: 3, routesUnchanged: 1 });
  });

  it('adds and changes accounts, keeps a retired grid an account already has, and keeps an administrator\'s own admin role', () => {
    const accounts: Organization['accounts'] = [
      { row: 2, username: 'worker', displayName: '王芳', roles: ['gridworker'], department: null, grids: ['B01'] },
      { row: 3, username: 'new', displayName: '李雪', roles: ['gridworker'], department: null, grids: ['G01'] },
      { row: 4, username: 'other', displayName: '李霜', roles: ['gridworker'], department: null, grids: ['B01'] },
      { row: 5, username: 'admin', displayName: '赵磊', roles: ['commander'], department: null, grids: [] },
    ];
    const { problems, changes, accounts: writes } = checkOrganization(workbook({ accounts }), current(), 'admin');
    expect(problems.map((problem) => `${problem.row} ${problem.column}: ${problem.problem}`)).toEqual([
      '4 负责网格: no grid B01 is in force',
      '5 角色: an administrator may not give up their own admin role; another administrator can',
    ]);
    expect(changes).toMatchObject({ accountsAdded: ['new'], accountsChanged: [], accountsUnchanged: 1 });
    expect(writes).toEqual([{ username: 'new', displayName: '李雪', roles: ['gridworker'], department: null, grids: ['G01'], added: true }]);
  });
});

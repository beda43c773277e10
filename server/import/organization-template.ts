import { writeWorkbook } from './workbook-sheets.ts';
import { DEPARTMENT_KIND_NAMES, EVERY, ROLE_NAMES, SHEETS, type Organization } from './organization-workbook.ts';

const NOTES = [
  ['这是创城网格一张图的组织与责任导入表。请保留工作表名称和第一行表头，从第二行起填写，每行一条。'],
  ['领导：包片县级领导的姓名和职务。已有的领导按姓名更新职务；表中没有的领导保留不动。'],
  [`部门：责任单位的名称和类型（${Object.values(DEPARTMENT_KIND_NAMES).join('、')}）；街道办事处填写所属街道。已有的部门按名称更新。`],
  ['网格责任：每个网格一行，网格编码须是已导入的网格。包片领导填写姓名；包片单位、属地单位、协同单位各可填写多个，用顿号“、”分隔。网格名称仅供核对，不会导入。'],
  [`派单规则：问题按“网格 × 问题类别”派给哪个部门（调度时的建议部门）。网格编码可填“${EVERY}”表示所有网格；问题类别可填小类、大类（其下所有小类）或“${EVERY}”；后面的行覆盖前面的行，先写“${EVERY}”的通用规则，再写个别网格的例外。未列出的组合保持原样。`],
  [`账号：每人一行。账号为工号或手机号（字母、数字、_ . @ -）；角色可填多个，用顿号分隔（${Object.values(ROLE_NAMES).join('、')}），系统管理员和审计员须单独成号；责任单位账号须填所属部门，包片领导和网格员须填负责网格（网格编码，用顿号分隔）。新账号在导入时生成一次性密码，只显示这一次，持有人首次登录须修改；已有账号按账号更新姓名、角色、部门和网格，不改密码。表中未列出的账号保持原样，账号从不删除（停用请在账号管理页操作）。`],
  ['表中未列出的网格保持原有责任。导入前会先试运行，列出每一处问题（工作表!行: 列: 问题）和将发生的变化；有问题时不会导入任何内容。'],
];

/**
 * The organization workbook: the template (an example row in each sheet) or the district's own
 * organization written in the same form, so that exporting and importing again changes nothing.
 */
export async function organizationWorkbook(organization: Organization | null): Promise<Uint8Array> {
  const example = organization === null;
  return writeWorkbook([
    { definition: SHEETS.leaders, rows: example ? [['张伟', '区委常委、副区长']] : organization.leaders.map((leader) => [leader.name, leader.title]) },
    {
      definition: SHEETS.departments,
      rows: example ? [['区城市管理局', '区直部门', ''], ['武林街道办事处', '街道办事处', '武林街道']]
        : organization.departments.map((department) => [department.name, DEPARTMENT_KIND_NAMES[department.kind], department.street ?? '']),
    },
    {
      definition: SHEETS.grids,
      rows: example ? [['G01', '长寿社区', '张伟', '武林街道办事处', '武林街道办事处', '区城市管理局']]
        : organization.grids.map((grid) => [grid.code, grid.name, grid.leader, grid.units.lead.join('、'), grid.units.territorial.join('、'), grid.units.supporting.join('、')]),
    },
    {
      definition: SHEETS.routes,
      rows: example ? [[EVERY, '市容环境', '区城市管理局'], ['G01', '占道经营', '武林街道办事处']]
        : organization.routes.map((route) => [route.grid, route.category, route.department]),
    },
    {
      definition: SHEETS.accounts,
      rows: example ? [['zhangwei', '张伟', ROLE_NAMES.leader, '', 'G01'], ['cgj01', '李明', ROLE_NAMES.department, '区城市管理局', '']]
        : organization.accounts.map((account) => [account.username, account.displayName, account.roles.map((role) => ROLE_NAMES[role]).join('、'), account.department ?? '', account.grids.join('、')]),
    },
  ], NOTES.map(([line]) => line!));
}

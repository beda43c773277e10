import { ROLES, type Role } from '../domain/roles.ts';
import { firstListing, namedSheetRows, openWorkbook, type SheetDefinition, type SheetProblem } from './workbook-sheets.ts';

/**
 * The organization workbook a district's office keeps: its county-level leaders, its responsible
 * departments, and who answers for each grid (包片领导; 包片、属地、协同 units). The same form is the
 * downloadable template (Chinese headers, an example row, a notes sheet) and the export.
 */
export type DepartmentKind = 'bureau' | 'street_office' | 'partner_unit';
export type GridRole = 'lead' | 'territorial' | 'supporting';

export const SHEETS = {
  leaders: { name: '领导', columns: ['姓名', '职务'] },
  departments: { name: '部门', columns: ['名称', '类型', '所属街道'] },
  grids: { name: '网格责任', columns: ['网格编码', '网格名称', '包片领导', '包片单位', '属地单位', '协同单位'] },
  routes: { name: '派单规则', columns: ['网格编码', '问题类别', '责任部门'] },
  accounts: { name: '账号', columns: ['账号', '姓名', '角色', '所属部门', '负责网格'] },
} as const;

/** In the routing sheet, a row for every grid in force, or every category. */
export const EVERY = '全部';

export const DEPARTMENT_KIND_NAMES: Record<DepartmentKind, string> = { bureau: '区直部门', street_office: '街道办事处', partner_unit: '包联单位' };
/** Roles as the office names them (the client's zh-CN names); the English codes are read too. */
export const ROLE_NAMES: Record<Role, string> = {
  admin: '系统管理员', auditor: '审计员', commander: '调度员/指挥长', leader: '包片领导', department: '责任单位', inspector: '督查员', gridworker: '网格员',
};
/** Usernames as an account's form takes them: 工号 or a mobile number. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{1,40}$/;
const ROLE_COLUMNS: Record<GridRole, string> = { lead: '包片单位', territorial: '属地单位', supporting: '协同单位' };

export interface Organization {
  leaders: Array<{ name: string; title: string }>;
  departments: Array<{ name: string; kind: DepartmentKind; street: string | null }>;
  /** Each grid's leader and units by role; a grid absent keeps what it has. */
  grids: Array<{ row: number; code: string; name: string; leader: string; units: Record<GridRole, string[]> }>;
  /**
   * The routing table (grid × category → department) as the sheet writes it: a grid code or 全部,
   * a category (小类, or a 大类 for all of its 小类, or 全部), a department; later rows override earlier.
   */
  routes: Array<{ row: number; grid: string; category: string; department: string }>;
  /**
   * Accounts by username: added (with a one-time password given once, at apply) or changed (name,
   * roles, department, grids); accounts the sheet leaves out stay as they are, and none is removed.
   */
  accounts: Array<{ row: number; username: string; displayName: string; roles: Role[]; department: string | null; grids: string[] }>;
}

/** Units in one cell, separated as offices write them (、，,; or a new line). */
const unitsIn = (text: string) => text.split(/[、，,;；\n]+/).map((unit) => unit.trim()).filter(Boolean);

/** Reads the workbook's sheets; problems of form (missing sheets, columns, values) come back beside what could be read. */
export async function readOrganizationWorkbook(bytes: Uint8Array): Promise<{ organization: Organization; problems: SheetProblem[] }> {
  const workbook = await openWorkbook(bytes);
  const problems: SheetProblem[] = [];
  const rowsOf = (sheet: SheetDefinition) => namedSheetRows(workbook, sheet, problems);

  const organization: Organization = { leaders: [], departments: [], grids: [], routes: [], accounts: [] };
  const seen = () => firstListing(problems);
  const leaderSeen = seen();
  for (const { row, cells } of rowsOf(SHEETS.leaders)) {
    const [name, title] = [cells['姓名']!, cells['职务']!];
    if (!name) problems.push({ sheet: SHEETS.leaders.name, row, column: '姓名', problem: 'empty' });
    else if (!title) problems.push({ sheet: SHEETS.leaders.name, row, column: '职务', problem: 'empty' });
    else if (leaderSeen(SHEETS.leaders.name, row, '姓名', name)) organization.leaders.push({ name, title });
  }
  const departmentSeen = seen();
  const kindByName = new Map(Object.entries(DEPARTMENT_KIND_NAMES).map(([kind, name]) => [name, kind as DepartmentKind]));
  for (const { row, cells } of rowsOf(SHEETS.departments)) {
    const name = cells['名称']!;
    const kind = kindByName.get(cells['类型']!);
    if (!name) problems.push({ sheet: SHEETS.departments.name, row, column: '名称', problem: 'empty' });
    else if (!kind) problems.push({ sheet: SHEETS.departments.name, row, column: '类型', problem: `'${cells['类型']}' is none of ${[...kindByName.keys()].join('、')}` });
    else if (departmentSeen(SHEETS.departments.name, row, '名称', name)) organization.departments.push({ name, kind, street: cells['所属街道'] || null });
  }
  const gridSeen = seen();
  for (const { row, cells } of rowsOf(SHEETS.grids)) {
    const code = cells['网格编码']!;
    if (!code) {
      problems.push({ sheet: SHEETS.grids.name, row, column: '网格编码', problem: 'empty' });
      continue;
    }
    if (!gridSeen(SHEETS.grids.name, row, '网格编码', code)) continue;
    const units = Object.fromEntries(Object.entries(ROLE_COLUMNS).map(([role, column]) => [role, unitsIn(cells[column]!)])) as Record<GridRole, string[]>;
    organization.grids.push({ row, code, name: cells['网格名称']!, leader: cells['包片领导']!, units });
  }
  // Workbooks made before the routing sheet existed have none: their routing stays as it is.
  const routeRows = workbook.getWorksheet(SHEETS.routes.name) ? rowsOf(SHEETS.routes) : [];
  for (const { row, cells } of routeRows) {
    const [grid, category, department] = [cells['网格编码']!, cells['问题类别']!, cells['责任部门']!];
    const empty = !grid ? '网格编码' : !category ? '问题类别' : !department ? '责任部门' : null;
    if (empty) problems.push({ sheet: SHEETS.routes.name, row, column: empty, problem: 'empty' });
    else organization.routes.push({ row, grid, category, department });
  }
  // Nor do workbooks made before the accounts sheet: accounts stay as they are.
  const accountRows = workbook.getWorksheet(SHEETS.accounts.name) ? rowsOf(SHEETS.accounts) : [];
  const accountSeen = seen();
  const roleByName = new Map<string, Role>([...ROLES.map((role) => [role, role] as const), ...Object.entries(ROLE_NAMES).map(([role, name]) => [name, role as Role] as const)]);
  for (const { row, cells } of accountRows) {
    const fault = (column: string, problem: string) => problems.push({ sheet: SHEETS.accounts.name, row, column, problem });
    const [username, displayName] = [cells['账号']!, cells['姓名']!];
    const roleNames = unitsIn(cells['角色']!);
    const unknownRole = roleNames.find((name) => !roleByName.has(name));
    if (!USERNAME_PATTERN.test(username)) fault('账号', username ? `'${username}' is not a username (1–40 letters, digits or _ . @ -)` : 'empty');
    else if (!displayName) fault('姓名', 'empty');
    else if (roleNames.length === 0) fault('角色', 'empty');
    else if (unknownRole) fault('角色', `'${unknownRole}' is none of ${Object.values(ROLE_NAMES).join('、')}`);
    else if (accountSeen(SHEETS.accounts.name, row, '账号', username)) {
      organization.accounts.push({
        row, username, displayName, roles: [...new Set(roleNames.map((name) => roleByName.get(name)!))], department: cells['所属部门'] || null, grids: unitsIn(cells['负责网格']!),
      });
    }
  }
  return { organization, problems };
}

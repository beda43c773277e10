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
} as const;

/** In the routing sheet, a row for every grid in force, or every category. */
export const EVERY = '全部';

export const DEPARTMENT_KIND_NAMES: Record<DepartmentKind, string> = { bureau: '区直部门', street_office: '街道办事处', partner_unit: '包联单位' };
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
}

/** Units in one cell, separated as offices write them (、，,; or a new line). */
const unitsIn = (text: string) => text.split(/[、，,;；\n]+/).map((unit) => unit.trim()).filter(Boolean);

/** Reads the workbook's three sheets; problems of form (missing sheets, columns, values) come back beside what could be read. */
export async function readOrganizationWorkbook(bytes: Uint8Array): Promise<{ organization: Organization; problems: SheetProblem[] }> {
  const workbook = await openWorkbook(bytes);
  const problems: SheetProblem[] = [];
  const rowsOf = (sheet: SheetDefinition) => namedSheetRows(workbook, sheet, problems);

  const organization: Organization = { leaders: [], departments: [], grids: [], routes: [] };
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
  return { organization, problems };
}

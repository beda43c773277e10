import type { DepartmentKind, GridRole, Organization } from '../import/organization-workbook.ts';
import type { SheetProblem } from '../import/workbook-sheets.ts';
import { EVERY, SHEETS } from '../import/organization-workbook.ts';
import { accountAssignmentProblem, type Role } from './roles.ts';
import { leafCategoryFinder } from './category-names.ts';

/** The 小类 codes a routing row's category names: one 小类 (as a problem export may name it), a 大类's, or every one. */
function categoryFinder(categories: CurrentOrganization['categories']): (text: string) => string[] | null {
  const leaves = categories.filter((category) => category.parentCode !== null);
  const leafOf = leafCategoryFinder(categories);
  const mainByText = new Map<string, string[]>();
  for (const main of categories.filter((category) => category.parentCode === null)) {
    const codes = leaves.filter((leaf) => leaf.parentCode === main.code).map((leaf) => leaf.code);
    mainByText.set(main.code, codes);
    mainByText.set(main.name, codes);
  }
  return (text) => {
    if (text === EVERY) return leaves.map((leaf) => leaf.code);
    const leaf = leafOf(text);
    return leaf ? [leaf.code] : mainByText.get(text) ?? null;
  };
}

/**
 * An organization workbook against the district as it is: every name it uses must be a leader,
 * a department or a grid in force (or one the workbook adds), and what it would change is listed.
 * Nothing is removed: a leader or department the workbook leaves out stays (problems and history
 * name them), and a grid it leaves out keeps its responsibilities.
 */
export interface CurrentOrganization {
  leaders: Map<string, string>;
  departments: Map<string, { kind: DepartmentKind; street: string | null }>;
  /** Grids in force: their name, leader and units by role. */
  grids: Map<string, { name: string; leader: string | null; units: Record<GridRole, string[]> }>;
  /** Every category: a 小类 names its 大类's code. */
  categories: ReadonlyArray<{ code: string; name: string; parentCode: string | null }>;
  /** The routing table: `grid code|category code` → department name. */
  routes: Map<string, string>;
  /** Accounts by username, disabled ones too (a username is never free again). */
  accounts: Map<string, AccountEntry>;
}

/** An account as the workbook's sheet 账号 states it. */
export interface AccountEntry {
  displayName: string;
  roles: Role[];
  department: string | null;
  grids: string[];
}

/** An account as applying writes it: a new one, or an existing one's new name, roles, department and grids. */
export interface AccountWrite extends AccountEntry {
  username: string;
  added: boolean;
}

/** One cell of the routing table as applying writes it. */
export interface RouteWrite {
  grid: string;
  category: string;
  department: string;
}

export interface OrganizationChanges {
  leadersAdded: string[];
  leadersChanged: string[];
  departmentsAdded: string[];
  departmentsChanged: string[];
  gridsChanged: Array<{ code: string; name: string; fields: Array<'leader' | GridRole> }>;
  gridsUnchanged: number;
  /** Grids in force the workbook does not mention: they keep what they have. */
  gridsNotListed: string[];
  /** Cells of the routing table (grid × category) the workbook changes, and those it gives as they are. */
  routesChanged: number;
  routesUnchanged: number;
  accountsAdded: string[];
  accountsChanged: string[];
  accountsUnchanged: number;
}

const ROLES: GridRole[] = ['lead', 'territorial', 'supporting'];
const sameUnits = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
const sameAccount = (a: AccountEntry, b: AccountEntry) => a.displayName === b.displayName && a.department === b.department && sameUnits(a.roles, b.roles) && sameUnits(a.grids, b.grids);

/** `importer`: the administrator applying it, who may not take their own admin role away (another administrator can). */
export function checkOrganization(organization: Organization, current: CurrentOrganization, importer?: string): {
  problems: SheetProblem[]; changes: OrganizationChanges; routes: RouteWrite[]; accounts: AccountWrite[];
} {
  const problems: SheetProblem[] = [];
  const leaders = new Set([...current.leaders.keys(), ...organization.leaders.map((leader) => leader.name)]);
  const departments = new Set([...current.departments.keys(), ...organization.departments.map((department) => department.name)]);
  const changes: OrganizationChanges = {
    leadersAdded: organization.leaders.filter((leader) => !current.leaders.has(leader.name)).map((leader) => leader.name),
    leadersChanged: organization.leaders.filter((leader) => current.leaders.has(leader.name) && current.leaders.get(leader.name) !== leader.title).map((leader) => leader.name),
    departmentsAdded: organization.departments.filter((department) => !current.departments.has(department.name)).map((department) => department.name),
    departmentsChanged: organization.departments.filter((department) => {
      const before = current.departments.get(department.name);
      return before !== undefined && (before.kind !== department.kind || before.street !== department.street);
    }).map((department) => department.name),
    gridsChanged: [], gridsUnchanged: 0, gridsNotListed: [], routesChanged: 0, routesUnchanged: 0, accountsAdded: [], accountsChanged: [], accountsUnchanged: 0,
  };
  const sheet = SHEETS.grids.name;
  for (const grid of organization.grids) {
    const before = current.grids.get(grid.code);
    if (!before) {
      problems.push({ sheet, row: grid.row, column: '网格编码', problem: `no grid ${grid.code} is in force; import the grids first` });
      continue;
    }
    // Empty: the grid has no leader yet, as grids imported before their organization have none.
    if (grid.leader && !leaders.has(grid.leader)) problems.push({ sheet, row: grid.row, column: '包片领导', problem: `no leader named ${grid.leader} in the sheet ${SHEETS.leaders.name} or the district` });
    const roleOf = new Map<string, GridRole>();
    for (const role of ROLES) {
      const column = { lead: '包片单位', territorial: '属地单位', supporting: '协同单位' }[role];
      for (const unit of grid.units[role]) {
        if (!departments.has(unit)) problems.push({ sheet, row: grid.row, column, problem: `no department named ${unit} in the sheet ${SHEETS.departments.name} or the district` });
        else if (roleOf.has(unit)) problems.push({ sheet, row: grid.row, column, problem: `${unit} is given two roles in this grid` });
        roleOf.set(unit, role);
      }
    }
    const fields: OrganizationChanges['gridsChanged'][number]['fields'] = [];
    if ((before.leader ?? '') !== grid.leader) fields.push('leader');
    for (const role of ROLES) if (!sameUnits(before.units[role], grid.units[role])) fields.push(role);
    if (fields.length > 0) changes.gridsChanged.push({ code: grid.code, name: before.name, fields });
    else changes.gridsUnchanged += 1;
  }
  const listed = new Set(organization.grids.map((grid) => grid.code));
  changes.gridsNotListed = [...current.grids.keys()].filter((code) => !listed.has(code));

  const routed = new Map<string, string>();
  const categoriesOf = categoryFinder(current.categories);
  for (const route of organization.routes) {
    const fault = (column: string, problem: string) => problems.push({ sheet: SHEETS.routes.name, row: route.row, column, problem });
    const grids = route.grid === EVERY ? [...current.grids.keys()] : current.grids.has(route.grid) ? [route.grid] : null;
    const categories = categoriesOf(route.category);
    if (!grids) fault('网格编码', `no grid ${route.grid} is in force`);
    else if (!categories) fault('问题类别', `'${route.category}' is no category of the district (a 小类, a 大类 or ${EVERY})`);
    else if (!departments.has(route.department)) fault('责任部门', `no department named ${route.department} in the sheet ${SHEETS.departments.name} or the district`);
    else for (const grid of grids) for (const category of categories) routed.set(`${grid}|${category}`, route.department);
  }
  const routes: RouteWrite[] = [];
  for (const [key, department] of routed) {
    if (current.routes.get(key) === department) {
      changes.routesUnchanged += 1;
      continue;
    }
    const [grid, category] = key.split('|') as [string, string];
    routes.push({ grid, category, department });
  }
  changes.routesChanged = routes.length;

  const accounts: AccountWrite[] = [];
  for (const { row, username, ...entry } of organization.accounts) {
    const fault = (column: string, problem: string) => problems.push({ sheet: SHEETS.accounts.name, row, column, problem });
    const before = current.accounts.get(username);
    // A grid retired since the account was given it stays its until an administrator changes it, so the export imports again as it is.
    const unknownGrid = entry.grids.find((code) => !current.grids.has(code) && !before?.grids.includes(code));
    // The rule of the accounts page, with the department and grids as the sheet names them.
    const assignment = accountAssignmentProblem({ roles: entry.roles, departmentId: entry.department === null ? null : 0, gridIds: entry.grids.map(() => 0) });
    if (entry.department !== null && !departments.has(entry.department)) fault('所属部门', `no department named ${entry.department} in the sheet ${SHEETS.departments.name} or the district`);
    else if (unknownGrid) fault('负责网格', `no grid ${unknownGrid} is in force`);
    else if (assignment) fault(assignment.startsWith('departmentId') ? '所属部门' : assignment.startsWith('gridCodes') ? '负责网格' : '角色', assignment.replace(/^\w+: /, ''));
    else if (username === importer && before?.roles.includes('admin') && !entry.roles.includes('admin')) {
      fault('角色', 'an administrator may not give up their own admin role; another administrator can');
    } else if (!before) {
      changes.accountsAdded.push(username);
      accounts.push({ username, ...entry, added: true });
    } else if (!sameAccount(before, entry)) {
      changes.accountsChanged.push(username);
      accounts.push({ username, ...entry, added: false });
    } else changes.accountsUnchanged += 1;
  }
  return { problems, changes, routes, accounts };
}

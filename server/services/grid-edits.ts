import type { FeatureCollection } from 'geojson';
import { ClientError, notFound , refusal } from '../errors.ts';
import { checkOrganization } from '../domain/organization-check.ts';
import { auditEntry } from '../store/security.ts';
import type { Store } from '../store/store.ts';
import type { GridEditBody, GridImportAnswer, GridResponsibilityBody } from '../schemas/contract.ts';
import { dryRunGridImport, type Importer } from './imports.ts';

/**
 * An administrator's edits of one grid on the map. A new name, kind, street or boundary is the
 * district's set of grids with that one changed, dry-run exactly as an imported file is (the same
 * validation, the same diff and map), and applied the same way, as a new version; its leader and
 * units are changed at once, as the organization workbook would change them.
 */
export async function dryRunGridEdit(store: Store, code: string, edit: GridEditBody, by: Importer, now: number): Promise<GridImportAnswer> {
  const grids = await store.repositories.grids.inForce();
  const grid = grids.find((each) => each.code === code);
  if (!grid) throw notFound('grid', code);
  if (Object.values(edit).every((value) => value === undefined)) throw new ClientError(400, 'name the change: name, kind, street or geometry', refusal('grid_edit_empty', {}));
  const edited: FeatureCollection = {
    type: 'FeatureCollection',
    features: grids.map((each) => {
      const changed = each.code === code ? { ...each, ...edit, name: edit.name?.trim() ?? each.name } : each;
      return { type: 'Feature', properties: { code: changed.code, name: changed.name, kind: changed.kind, street: changed.street }, geometry: changed.geometry };
    }),
  };
  return dryRunGridImport(store, { name: `${code} ${grid.name}（在线编辑）.geojson`, bytes: new TextEncoder().encode(JSON.stringify(edited)) }, {
    coordinateSystem: 'EPSG:4326', mapping: { code: 'code', name: 'name', kind: 'kind', street: 'street' },
  }, by, now);
}

/** A grid's 包片领导 and its 包片、属地、协同 units, by name, checked as the organization workbook's row for it would be. */
export async function changeGridResponsibility(store: Store, code: string, change: GridResponsibilityBody, by: Importer, now: number): Promise<void> {
  await store.unitOfWork(async ({ repositories }) => {
    const current = await repositories.organization.current();
    const before = current.grids.get(code);
    if (!before) throw notFound('grid', code);
    const organization = { leaders: [], departments: [], routes: [], accounts: [], grids: [{ row: 0, code, name: before.name, ...change }] };
    const { problems } = checkOrganization(organization, current);
    if (problems.length > 0) throw new ClientError(400, problems.map((problem) => `${problem.column}: ${problem.problem}`).join('; '), refusal('grid_edit_invalid', { field: problems[0]!.column }));
    await repositories.organization.apply(organization, [], [], now);
    await repositories.audit.record(auditEntry(by, now, 'grid.responsibility', `grid:${code}`, { before: { leader: before.leader, units: before.units }, after: change }));
  });
}

import { createHash, randomUUID } from 'node:crypto';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { ClientError, conflict, notFound, refusal } from '../errors.ts';
import { centreOf, prepareGridImport, type GridImportOptions, type GridImportReport, type ImportedGrid } from '../import/grid-import.ts';
import { prepareBasemapLayer, type BasemapImportOptions, type BasemapImportReport } from '../import/basemap-import.ts';
import { replaceBasemapLayer } from '../basemap/district-tiles.ts';
import { ImportFileError } from '../import/import-errors.ts';
import { auditEntry, type AuditOrigin } from '../store/security.ts';
import { toInstant, toNullableInstant } from '../store/instants.ts';
import type { ImportRecord } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { GridImportAnswer, ImportAnswer, InspectionImportAnswer, InspectionImportReport, OrganizationImportAnswer, OrganizationImportReport, ProblemImportAnswer } from '../schemas/contract.ts';
import { inspectionWorkbook, readInspectionWorkbook } from '../import/inspection-workbook.ts';
import { checkInspectionImport, type EvaluationWrite, type PointWrite } from '../import/inspection-import.ts';
import { checkOrganization } from '../domain/organization-check.ts';
import { readOrganizationWorkbook, SHEETS, type Organization } from '../import/organization-workbook.ts';
import { describeProblem } from '../import/workbook-sheets.ts';
import { prepareProblemImport, type ProblemImportOptions, type ProblemImportReport } from '../import/problem-import.ts';
import { importedProblemRecord } from '../import/problem-history.ts';
import { problemContributions } from '../domain/problem-record.ts';
import { ContributionTotals } from '../domain/performance-contributions.ts';
import type { Repositories } from '../store/repositories.ts';
import { hashPassword, oneTimePassword } from './passwords.ts';

/**
 * Imports as the administrator runs them: a dry run reads and checks the file, compares it with
 * what is in force and keeps the report (nothing of the district changes); applying it, once,
 * writes it all in one unit of work, or nothing.
 */
export interface Importer extends AuditOrigin {
  /** As history names people: 姓名（账号）. */
  historyName: string;
}

interface GridPayload {
  /** The grid set's version the dry run compared with: applying onto another would apply an unchecked diff. */
  gridsVersion: number;
  grids: ImportedGrid[];
}

export function importAnswer(record: Omit<ImportRecord, 'payload'>): ImportAnswer {
  return {
    id: record.id, kind: record.kind, createdAt: toInstant(record.createdAt), createdBy: record.createdBy,
    appliedAt: toNullableInstant(record.appliedAt), appliedBy: record.appliedBy, report: record.report,
  } as ImportAnswer;
}

export async function dryRunGridImport(store: Store, file: { name: string; bytes: Uint8Array }, options: GridImportOptions, by: Importer, now: number): Promise<GridImportAnswer> {
  const [current, gridsVersion] = await Promise.all([store.repositories.grids.inForce(), store.repositories.grids.version()]);
  let prepared;
  try {
    prepared = await prepareGridImport(file, options, current);
  } catch (error) {
    if (error instanceof ImportFileError) throw new ClientError(400, `${file.name}: ${error.message}`, refusal('unreadable_file', { file: file.name }));
    throw error;
  }
  const record = {
    id: randomUUID(), kind: 'grids' as const, fileName: file.name, fileSha256: prepared.report.file.sha256, options,
    report: prepared.report, payload: { gridsVersion, grids: prepared.grids } satisfies GridPayload, createdAt: now, createdBy: by.historyName,
  };
  await store.unitOfWork(async ({ repositories }) => {
    await repositories.imports.record(record);
    await repositories.audit.record(auditEntry(by, now, 'import.dry_run', record.id, {
      kind: 'grids', file: file.name, sha256: record.fileSha256, errors: prepared.report.errors.length, warnings: prepared.report.warnings.length,
    }));
  });
  return importAnswer({ ...record, appliedAt: null, appliedBy: null, acceptedWarnings: null }) as GridImportAnswer;
}

interface ProblemPayload {
  /** The grids the rows were placed in: applying onto other grids would place them unchecked. */
  gridsVersion: number;
}

/** Staged rows read back and added per this many, so that applying a year of problems holds one batch at a time. */
const PROBLEMS_PER_BATCH = 5000;

/**
 * A problem export read and checked against the district: its rows are staged with the dry run,
 * nothing of the district changes. The column mapping is the one given, else the one saved for
 * the source system by its last applied import, else guessed from the headers.
 */
export async function dryRunProblemImport(store: Store, file: { name: string; bytes: Uint8Array }, options: ProblemImportOptions, by: Importer, now: number): Promise<ProblemImportAnswer> {
  const { repositories } = store;
  const [categories, departments, inForce, gridsVersion, savedMapping] = await Promise.all([
    repositories.reference.categories(), repositories.reference.departments(), repositories.grids.inForce(),
    repositories.grids.version(), repositories.problemImports.savedMapping(options.sourceSystem),
  ]);
  const grids = await Promise.all(inForce.map(async (grid) => ({ ...grid, id: (await repositories.grids.idByCode(grid.code))! })));
  const id = randomUUID();
  let report: ProblemImportReport;
  try {
    // Each batch of checked rows is staged in a short unit of work of its own, so that a year of
    // problems is never held in memory and the district's other work goes on while the file is read.
    report = await prepareProblemImport(file, options, {
      now, categories, departments, grids, savedMapping,
      alreadyImported: (references) => repositories.problemImports.alreadyImported(options.sourceSystem, references),
    }, (problems) => store.unitOfWork((unit) => unit.repositories.problemImports.stage(id, problems)));
  } catch (error) {
    if (error instanceof ImportFileError) throw new ClientError(400, `${file.name}: ${error.message}`, refusal('unreadable_file', { file: file.name }));
    throw error;
  }
  const record = {
    id, kind: 'problems' as const, fileName: file.name, fileSha256: report.file.sha256, options,
    report, payload: { gridsVersion } satisfies ProblemPayload, createdAt: now, createdBy: by.historyName,
  };
  await store.unitOfWork(async (unit) => {
    await unit.repositories.imports.record(record);
    await unit.repositories.audit.record(auditEntry(by, now, 'import.dry_run', record.id, {
      kind: 'problems', file: file.name, sha256: record.fileSha256, rows: report.rows.total, ready: report.rows.ready, errors: report.rows.withErrors,
    }));
  });
  return importAnswer({ ...record, appliedAt: null, appliedBy: null, acceptedWarnings: null }) as ProblemImportAnswer;
}

/** Adds a dry run's staged problems with their histories and counters; those imported meanwhile are skipped. */
async function applyProblems(repositories: Repositories, record: ImportRecord, by: Importer, now: number): Promise<{ added: number; skipped: number }> {
  const options = record.options as ProblemImportOptions;
  const report = record.report as ProblemImportReport;
  const origin = { sourceSystem: options.sourceSystem, issueSource: options.issueSource };
  const totals = new ContributionTotals();
  let added = 0;
  let skipped = 0;
  for (let after = 0; ;) {
    const problems = await repositories.problemImports.staged(record.id, after, PROBLEMS_PER_BATCH);
    if (problems.length === 0) break;
    after = problems.at(-1)!.row;
    const written = problems.map((problem) => importedProblemRecord(problem, origin, by.historyName));
    const ids = await repositories.problemImports.add(written);
    ids.forEach((id, index) => {
      if (id === null) {
        skipped += 1;
        return;
      }
      added += 1;
      totals.add(problemContributions(written[index]!));
    });
  }
  await repositories.performanceRollups.addTotals(totals);
  await repositories.problemImports.saveMapping(options.sourceSystem, report.mapping, now, by.historyName);
  return { added, skipped };
}

/** An inspection point workbook read and checked against the district; nothing of the district changes. */
export async function dryRunInspectionImport(store: Store, file: { name: string; bytes: Uint8Array }, options: { coordinateSystem?: string }, by: Importer, now: number): Promise<InspectionImportAnswer> {
  const { repositories } = store;
  let read;
  let checked;
  try {
    read = await readInspectionWorkbook(file.bytes);
    const [departments, inForce, held] = await Promise.all([repositories.reference.departments(), repositories.grids.inForce(), repositories.inspectionPoints.forImport()]);
    const grids = await Promise.all(inForce.map(async (grid) => ({ ...grid, id: (await repositories.grids.idByCode(grid.code))! })));
    checked = checkInspectionImport(read.workbook, { departments, grids, points: held.points, evaluationKeys: new Set(held.evaluationKeys) }, options.coordinateSystem);
  } catch (error) {
    if (error instanceof ImportFileError) throw new ClientError(400, `${file.name}: ${error.message}`, refusal('unreadable_file', { file: file.name }));
    throw error;
  }
  const report: InspectionImportReport = {
    file: { name: file.name, bytes: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex') },
    coordinateSystem: options.coordinateSystem ?? 'EPSG:4326',
    errors: [...read.problems, ...checked.problems].map((problem) => ({ ...problem, text: describeProblem(problem) })),
    changes: checked.changes,
  };
  const record = {
    id: randomUUID(), kind: 'points' as const, fileName: file.name, fileSha256: report.file.sha256, options,
    report, payload: { gridsVersion: await repositories.grids.version(), writes: checked.writes } satisfies InspectionPayload, createdAt: now, createdBy: by.historyName,
  };
  await store.unitOfWork(async (unit) => {
    await unit.repositories.imports.record(record);
    await unit.repositories.audit.record(auditEntry(by, now, 'import.dry_run', record.id, { kind: 'points', file: file.name, sha256: record.fileSha256, errors: report.errors.length }));
  });
  return importAnswer({ ...record, appliedAt: null, appliedBy: null, acceptedWarnings: null }) as InspectionImportAnswer;
}

interface InspectionPayload {
  gridsVersion: number;
  writes: { points: PointWrite[]; evaluations: EvaluationWrite[] };
}

/** The district's points and evaluations in the workbook's form: exported, then imported again, it changes nothing. */
export async function currentInspectionWorkbook(store: Store): Promise<Parameters<typeof inspectionWorkbook>[0]> {
  const [{ points }, evaluations] = await Promise.all([store.repositories.inspectionPoints.forImport(), store.repositories.inspectionPoints.evaluations()]);
  return {
    points: points.map((point) => ({ name: point.name, typeCode: point.typeCode, x: point.longitude, y: point.latitude, gridCode: point.gridCode, department: point.department, person: point.person })),
    evaluations: evaluations.map((evaluation) => ({ ...evaluation, row: 0 })),
  };
}

/** The grids a dry run would put in force, for the map to draw over the current ones. */
export async function proposedGrids(store: Store, id: string): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const record = await store.repositories.imports.get(id);
  if (!record) throw notFound('import', id);
  const { grids } = record.payload as GridPayload;
  return {
    type: 'FeatureCollection',
    features: grids.map(({ code, name, kind, street, geometry, areaSquareMetres }) => ({
      type: 'Feature', id: code, properties: { code, name, kind, street, areaSquareMetres: Math.round(areaSquareMetres) }, geometry,
    })),
  };
}

/** An organization workbook read and checked against the district; nothing of the district changes. */
export async function dryRunOrganizationImport(store: Store, file: { name: string; bytes: Uint8Array }, by: Importer, now: number): Promise<OrganizationImportAnswer> {
  let read;
  try {
    read = await readOrganizationWorkbook(file.bytes);
  } catch (error) {
    if (error instanceof ImportFileError) throw new ClientError(400, `${file.name}: ${error.message}`, refusal('unreadable_file', { file: file.name }));
    throw error;
  }
  const { problems, changes } = checkOrganization(read.organization, await store.repositories.organization.current(), by.username ?? undefined);
  const report: OrganizationImportReport = {
    file: { name: file.name, bytes: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex') },
    errors: [...read.problems, ...problems].map((problem) => ({ ...problem, text: describeProblem(problem) })),
    warnings: changes.gridsNotListed.length === 0 ? [] : [{
      code: 'grids_not_listed', gridCodes: changes.gridsNotListed,
      message: `${changes.gridsNotListed.length} grid(s) in force are not in the sheet ${SHEETS.grids.name} and keep their responsibilities: ${changes.gridsNotListed.slice(0, 10).join(', ')}`,
    }],
    changes,
  };
  const record = {
    id: randomUUID(), kind: 'organization' as const, fileName: file.name, fileSha256: report.file.sha256, options: {},
    report, payload: read.organization, createdAt: now, createdBy: by.historyName,
  };
  await store.unitOfWork(async ({ repositories }) => {
    await repositories.imports.record(record);
    await repositories.audit.record(auditEntry(by, now, 'import.dry_run', record.id, { kind: 'organization', file: file.name, sha256: record.fileSha256, errors: report.errors.length }));
  });
  return importAnswer({ ...record, appliedAt: null, appliedBy: null, acceptedWarnings: null }) as OrganizationImportAnswer;
}

/** The district's organization in the workbook's form: exported, then imported again, it changes nothing. */
export async function currentOrganization(store: Store): Promise<Organization> {
  const current = await store.repositories.organization.current();
  // A 小类 by its name where no other category shares it, as the office reads them; else by its code.
  const names = current.categories.map((category) => category.name);
  const categoryName = new Map(current.categories.filter((category) => names.indexOf(category.name) === names.lastIndexOf(category.name))
    .map((category) => [category.code, category.name]));
  return {
    leaders: [...current.leaders].map(([name, title]) => ({ name, title })),
    departments: [...current.departments].map(([name, { kind, street }]) => ({ name, kind, street })),
    grids: [...current.grids].map(([code, grid]) => ({ row: 0, code, name: grid.name, leader: grid.leader ?? '', units: grid.units })),
    routes: [...current.routes].map(([key, department]) => {
      const [grid, category] = key.split('|') as [string, string];
      return { row: 0, grid, category: categoryName.get(category) ?? category, department };
    }),
    accounts: [...current.accounts].map(([username, account]) => ({ row: 0, username, ...account })),
  };
}

/**
 * One-time passwords for the accounts an organization import adds, made and hashed before its
 * unit of work (hashing is slow, and the write lock is held meanwhile by no one). Only the apply's
 * answer carries them; the database keeps their hashes, and the account must change it at first sign-in.
 */
async function passwordsForNewAccounts(store: Store, id: string, by: Importer): Promise<Map<string, { password: string; passwordHash: string }>> {
  const record = await store.repositories.imports.get(id);
  if (record?.kind !== 'organization' || record.appliedAt !== null) return new Map();
  const organization = record.payload as Organization;
  const { accounts } = checkOrganization(withoutOlderGaps(organization), await store.repositories.organization.current(), by.username ?? undefined);
  const added = accounts.filter((account) => account.added).map((account) => account.username);
  return new Map(await Promise.all(added.map(async (username) => {
    const password = oneTimePassword(username);
    return [username, { password, passwordHash: await hashPassword(password) }] as const;
  })));
}

/** A workbook read before a sheet existed holds none of its rows. */
const withoutOlderGaps = (organization: Organization): Organization => ({ ...organization, routes: organization.routes ?? [], accounts: organization.accounts ?? [] });

/** A base-map layer read and checked; nothing is written until it is applied. */
export async function dryRunBasemapImport(store: Store, file: { name: string; bytes: Uint8Array }, options: BasemapImportOptions, by: Importer, now: number): Promise<ImportAnswer> {
  let prepared;
  try {
    prepared = await prepareBasemapLayer(file, options, centreOf(await store.repositories.grids.inForce()));
  } catch (error) {
    if (error instanceof ImportFileError) throw new ClientError(400, `${file.name}: ${error.message}`, refusal('unreadable_file', { file: file.name }));
    throw error;
  }
  const record = {
    id: randomUUID(), kind: 'basemap' as const, fileName: file.name, fileSha256: prepared.report.file.sha256, options,
    report: prepared.report, payload: prepared.layer, createdAt: now, createdBy: by.historyName,
  };
  await store.unitOfWork(async ({ repositories }) => {
    await repositories.imports.record(record);
    await repositories.audit.record(auditEntry(by, now, 'import.dry_run', record.id, { kind: 'basemap', layer: options.layer, file: file.name, sha256: record.fileSha256, errors: prepared.report.errors.length }));
  });
  return importAnswer({ ...record, appliedAt: null, appliedBy: null, acceptedWarnings: null });
}

/** Where this server keeps imported base-map layers; none where its base map comes from elsewhere. */
export interface ApplyOptions {
  basemapLayers?: string;
}

export async function applyImport(store: Store, id: string, acceptWarnings: boolean, by: Importer, now: number, options: ApplyOptions = {}): Promise<ImportAnswer> {
  const passwords = await passwordsForNewAccounts(store, id, by);
  const districtName = (await store.district())?.name ?? '';
  return store.unitOfWork(async ({ repositories }) => {
    const record = await repositories.imports.get(id);
    if (!record) throw notFound('import', id);
    if (record.appliedAt !== null) throw conflict(`import ${id} was applied already, by ${record.appliedBy}`, refusal('import_already_applied', { by: record.appliedBy ?? '' }));
    if (record.kind === 'problems') {
      const report = record.report as ProblemImportReport;
      if (report.errors.length > 0) {
        throw conflict(`the file has ${Math.max(report.rows.withErrors, report.errors.length)} row(s) that cannot be read (first: ${report.errors[0]!.text}); correct the file and import it again`,
          refusal('import_has_errors', { errors: Math.max(report.rows.withErrors, report.errors.length) }));
      }
      if (await repositories.grids.version() !== (record.payload as ProblemPayload).gridsVersion) {
        throw conflict('the district\'s grids changed after this dry run; import the file again to place its problems in the grids now in force', refusal('import_outdated', {}));
      }
      const outcome = await applyProblems(repositories, record, by, now);
      await repositories.imports.markApplied(id, now, by.historyName, []);
      await repositories.audit.record(auditEntry(by, now, 'import.apply', id, { kind: 'problems', file: record.fileName, ...outcome }));
      return importAnswer({ ...record, appliedAt: now, appliedBy: by.historyName, acceptedWarnings: [] });
    }
    if (record.kind === 'basemap') {
      const report = record.report as BasemapImportReport;
      if (report.errors.length > 0) throw conflict(`the file cannot be a base-map layer (${report.errors[0]!.message}); correct it and import it again`, refusal('import_has_errors', { errors: report.errors.length }));
      if (report.warnings.length > 0 && !acceptWarnings) throw conflict(`the report has ${report.warnings.length} warning(s) (${report.warnings.map((warning) => warning.code).join(', ')}); read them, then apply accepting them`, refusal('import_warnings_not_accepted', { warnings: report.warnings.length }));
      if (!options.basemapLayers) throw conflict('this server\'s base map is not built from imported layers', refusal('basemap_not_importable', {}));
      await repositories.imports.markApplied(id, now, by.historyName, report.warnings.map((warning) => warning.code));
      await repositories.audit.record(auditEntry(by, now, 'import.apply', id, { kind: 'basemap', layer: report.layer, file: record.fileName, features: report.file.features - report.skipped }));
      // The files last, once the record is written: if they cannot be, the unit rolls back and the base map is as it was.
      const applied = replaceBasemapLayer(options.basemapLayers, report.layer, record.payload as FeatureCollection, districtName);
      return importAnswer({ ...record, report: { ...report, applied }, appliedAt: now, appliedBy: by.historyName, acceptedWarnings: report.warnings.map((warning) => warning.code) });
    }
    if (record.kind === 'points') {
      const report = record.report as InspectionImportReport;
      if (report.errors.length > 0) throw conflict(`the workbook has ${report.errors.length} problem(s) (first: ${report.errors[0]!.text}); correct it and import it again`, refusal('import_has_errors', { errors: report.errors.length }));
      const payload = record.payload as InspectionPayload;
      if (await repositories.grids.version() !== payload.gridsVersion) {
        throw conflict('the district\'s grids changed after this dry run; import the workbook again to place its points in the grids now in force', refusal('import_outdated', {}));
      }
      await repositories.inspectionPoints.applyImport(payload.writes);
      await repositories.imports.markApplied(id, now, by.historyName, []);
      await repositories.audit.record(auditEntry(by, now, 'import.apply', id, {
        kind: 'points', file: record.fileName, pointsAdded: report.changes.pointsAdded.length, pointsChanged: report.changes.pointsChanged.length, evaluationsAdded: report.changes.evaluationsAdded,
      }));
      return importAnswer({ ...record, appliedAt: now, appliedBy: by.historyName, acceptedWarnings: [] });
    }
    if (record.kind === 'organization') {
      const report = record.report as OrganizationImportReport;
      if (report.errors.length > 0) throw conflict(`the workbook has ${report.errors.length} problem(s) (first: ${report.errors[0]!.text}); correct it and import it again`, refusal('import_has_errors', { errors: report.errors.length }));
      if (report.warnings.length > 0 && !acceptWarnings) throw conflict(`the report has ${report.warnings.length} warning(s) (grids_not_listed); read them, then apply accepting them`, refusal('import_warnings_not_accepted', { warnings: report.warnings.length }));
      const organization = record.payload as Organization;
      // Checked again against the district as it is now: a grid retired or a name changed since the dry run would make it wrong.
      const checked = checkOrganization(withoutOlderGaps(organization), await repositories.organization.current(), by.username ?? undefined);
      if (checked.problems.length > 0 || checked.accounts.some((account) => account.added && !passwords.has(account.username))) {
        throw conflict('the district changed after this dry run in a way the workbook no longer fits; import it again', refusal('import_outdated', {}));
      }
      const accounts = checked.accounts.map((account) => ({ ...account, passwordHash: passwords.get(account.username)?.passwordHash ?? null }));
      await repositories.organization.apply(withoutOlderGaps(organization), checked.routes, accounts, now);
      await repositories.imports.markApplied(id, now, by.historyName, report.warnings.map((warning) => warning.code));
      await repositories.audit.record(auditEntry(by, now, 'import.apply', id, { kind: 'organization', file: record.fileName, ...report.changes, gridsNotListed: report.changes.gridsNotListed.length }));
      const oneTimePasswords = checked.accounts.filter((account) => account.added)
        .map((account) => ({ username: account.username, displayName: account.displayName, password: passwords.get(account.username)!.password }));
      return { ...importAnswer({ ...record, appliedAt: now, appliedBy: by.historyName, acceptedWarnings: [] }) as OrganizationImportAnswer, oneTimePasswords };
    }
    const report = record.report as GridImportReport;
    if (report.errors.length > 0) {
      throw conflict(`the file has ${report.errors.length} error(s) that block it (first: ${report.errors[0]!.message}); correct the file and import it again`, refusal('import_has_errors', { errors: report.errors.length }));
    }
    if (report.warnings.length > 0 && !acceptWarnings) {
      throw conflict(`the report has ${report.warnings.length} warning(s) (${report.warnings.map((warning) => warning.code).join(', ')}); read them, then apply accepting them`, refusal('import_warnings_not_accepted', { warnings: report.warnings.length }));
    }
    const payload = record.payload as GridPayload;
    if (await repositories.grids.version() !== payload.gridsVersion) {
      throw conflict('the district\'s grids changed after this dry run; import the file again to see what it would change now', refusal('import_outdated', {}));
    }
    const changes = report.diff.added.length + report.diff.retired.length + report.diff.changed.length;
    // The same file again changes nothing: no new grid version, only the import's own record.
    if (changes > 0) await repositories.grids.replace(payload.grids, { at: now, importId: id });
    await repositories.imports.markApplied(id, now, by.historyName, report.warnings.map((warning) => warning.code));
    await repositories.audit.record(auditEntry(by, now, 'import.apply', id, {
      kind: record.kind, file: record.fileName, added: report.diff.added.length, retired: report.diff.retired.length, changed: report.diff.changed.length,
    }));
    return importAnswer({ ...record, appliedAt: now, appliedBy: by.historyName, acceptedWarnings: report.warnings.map((warning) => warning.code) });
  });
}

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ClientError } from './errors.ts';
import { chosenDistrict, openDistricts } from './cli-stores.ts';
import { applyImport, dryRunGridImport } from './services/imports.ts';
import type { GridKind } from './domain/grid-lookup.ts';
import type { BasemapImportAnswer, GridImportAnswer, ImportAnswer, InspectionImportAnswer, OrganizationImportAnswer, ProblemImportAnswer } from './schemas/contract.ts';
import { dryRunBasemapImport, dryRunInspectionImport, dryRunOrganizationImport, dryRunProblemImport } from './services/imports.ts';
import { importableBasemapDirectory, loadConfig } from './config.ts';
import { BASEMAP_LAYER_NAMES, type BasemapLayerName } from './basemap/district-tiles.ts';
import { ISSUE_SOURCES, type IssueSource } from './domain/issue-vocabulary.ts';
import type { ProblemColumnMapping } from './import/problem-mapping.ts';
import { ProblemColumnMapping as ProblemColumnMappingSchema } from './schemas/imports.ts';
import { Value } from 'typebox/value';

/**
 * `npm run import -- problems EXPORT.xlsx|.csv --source-system 12345 [--crs GCJ-02] [--issue-source citizen_report] [--mapping JSON]`,
 * `npm run import -- points WORKBOOK.xlsx [--crs GCJ-02]` (inspection points and 测评 rounds),
 * `npm run import -- basemap FILE --layer roads|water|parks|blocks|places [--crs SYSTEM] [--name ATTR] [--class ATTR]` (the site's own base map),
 * `npm run import -- organization WORKBOOK.xlsx` and `npm run import -- grids FILE [--crs EPSG:4549|GCJ-02|BD-09|…] [--code ATTR] [--name ATTR]
 * [--kind ATTR] [--street ATTR] [--default-kind block|strip] [--encoding GBK] [--dry-run]
 * [--accept-warnings] [--district CODE]`: the admin page's import, for a terminal. It prints the
 * dry run's report; without --dry-run it then applies it, all or nothing. Exit code 1 when the
 * file is refused or has errors.
 */

const USAGE = `usage: npm run import -- problems EXPORT.xlsx|EXPORT.csv --source-system NAME [--crs SYSTEM] [--issue-source SOURCE]
         [--mapping '{"sourceId":"工单编号",…}'] [--dry-run] [--district CODE]
       npm run import -- organization WORKBOOK.xlsx [--dry-run] [--accept-warnings] [--district CODE]
       npm run import -- points WORKBOOK.xlsx [--crs SYSTEM] [--dry-run] [--district CODE]
       npm run import -- grids FILE [--crs SYSTEM] [--code ATTRIBUTE] [--name ATTRIBUTE] [--kind ATTRIBUTE] [--street ATTRIBUTE]
         [--default-kind block|strip] [--encoding GBK|UTF-8] [--dry-run] [--accept-warnings] [--district CODE]
       npm run import -- basemap FILE --layer ${BASEMAP_LAYER_NAMES.join('|')} [--crs SYSTEM] [--name ATTRIBUTE] [--class ATTRIBUTE]
         [--encoding GBK|UTF-8] [--dry-run] [--accept-warnings] [--district CODE]
systems: EPSG:4326 (WGS84), EPSG:4490 (CGCS2000), EPSG:4491–4554 (CGCS2000 Gauss-Krüger), EPSG:3857, GCJ-02, BD-09`;

function printGridReport({ id, report }: GridImportAnswer): void {
  const { file, coordinateSystem, mapping, errors, warnings, diff } = report;
  console.log(`import ${id}: ${file.name} (${file.format}, ${file.features} features${file.encoding ? `, attributes in ${file.encoding.name} from ${file.encoding.from}` : ''})`);
  console.log(`coordinate system: ${coordinateSystem.code} ${coordinateSystem.name} (${coordinateSystem.from}${coordinateSystem.reason ? `: ${coordinateSystem.reason}` : ''})`);
  console.log(`attributes: code ← ${mapping.code}, name ← ${mapping.name}${mapping.kind ? `, kind ← ${mapping.kind}` : ''}${mapping.street ? `, street ← ${mapping.street}` : ''}`);
  for (const finding of errors) console.log(`error   ${finding.code}: ${finding.message}`);
  for (const finding of warnings) console.log(`warning ${finding.code}: ${finding.message}`);
  console.log(`changes: ${diff.added.length} added, ${diff.retired.length} retired, ${diff.changed.length} changed, ${diff.unchanged} unchanged`);
  for (const change of diff.changed) console.log(`  ${change.code} ${change.name}: ${change.fields.join(', ')}${change.fields.includes('geometry') ? ` (${change.areaChange >= 0 ? '+' : ''}${change.areaChange} m²)` : ''}`);
}

function printBasemapReport({ id, report }: BasemapImportAnswer): void {
  const { file, coordinateSystem, mapping, errors, warnings, kept } = report;
  console.log(`import ${id}: ${file.name} (${file.format}, ${file.features} features) as the base map's ${report.layer}`);
  console.log(`coordinate system: ${coordinateSystem.code} ${coordinateSystem.name} (${coordinateSystem.from}); name ← ${mapping.name ?? '—'}${mapping.class ? `, class ← ${mapping.class}` : ''}`);
  for (const finding of errors) console.log(`error   ${finding.code}: ${finding.message}`);
  for (const finding of warnings) console.log(`warning ${finding.code}: ${finding.message}`);
  console.log(`features: ${Object.entries(kept).map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none'}; ${report.skipped} left out`);
}

function printInspectionReport({ id, report }: InspectionImportAnswer): void {
  const { file, errors, changes } = report;
  console.log(`import ${id}: ${file.name} (inspection point workbook, positions in ${report.coordinateSystem})`);
  for (const problem of errors) console.log(`error   ${problem.text}`);
  console.log(`changes: points ${changes.pointsAdded.length} added, ${changes.pointsChanged.length} changed, ${changes.pointsUnchanged} unchanged; evaluations ${changes.evaluationsAdded} added, ${changes.evaluationsAlreadyHeld} held already`);
}

function printOrganizationReport({ id, report }: OrganizationImportAnswer): void {
  const { file, errors, warnings, changes } = report;
  console.log(`import ${id}: ${file.name} (organization workbook)`);
  for (const problem of errors) console.log(`error   ${problem.text}`);
  for (const warning of warnings) console.log(`warning ${warning.code}: ${warning.message}`);
  console.log(`changes: leaders ${changes.leadersAdded.length} added, ${changes.leadersChanged.length} changed; departments ${changes.departmentsAdded.length} added, ${changes.departmentsChanged.length} changed; grids ${changes.gridsChanged.length} changed, ${changes.gridsUnchanged} unchanged; routing ${changes.routesChanged} changed; accounts ${changes.accountsAdded.length} added, ${changes.accountsChanged.length} changed, ${changes.accountsUnchanged} unchanged`);
}

function printProblemReport({ id, report }: ProblemImportAnswer): void {
  const { file, coordinateSystem, mapping, mappingFrom, rows, states, errors } = report;
  console.log(`import ${id}: ${file.name} (${file.format}${file.encoding ? `, ${file.encoding}` : ''}) from ${report.sourceSystem}, coordinates in ${coordinateSystem.code}`);
  console.log(`columns (${mappingFrom}): ${Object.entries(mapping).map(([field, column]) => `${field} ← ${column}`).join(', ')}`);
  for (const problem of errors) console.log(`error   ${problem.text}`);
  if (rows.withErrors > errors.length) console.log(`error   … ${rows.withErrors - errors.length} more rows`);
  console.log(`rows: ${rows.total}; to add ${rows.ready}; skipped: ${rows.duplicatesInFile} repeated in the file, ${rows.alreadyImported} imported before; ${rows.placedByGridCode} placed by grid code`);
  console.log(`states: ${Object.entries(states).filter(([, count]) => count > 0).map(([state, count]) => `${state} ${count}`).join(', ')}`);
}

function problemMappingOption(text: string | undefined): ProblemColumnMapping | undefined {
  if (text === undefined) return undefined;
  const mapping = (() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error('--mapping is not JSON: give {"sourceId":"工单编号","reportedAt":"受理时间",…}');
    }
  })();
  const problem = Value.Errors(ProblemColumnMappingSchema, mapping)[0];
  if (problem) throw new Error(`--mapping${problem.instancePath.replace(/\//g, '.')}: ${problem.message}`);
  return mapping as ProblemColumnMapping;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      crs: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, street: { type: 'string' },
      'default-kind': { type: 'string' }, encoding: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'accept-warnings': { type: 'boolean' }, district: { type: 'string' },
      'source-system': { type: 'string' }, 'issue-source': { type: 'string' }, mapping: { type: 'string' }, layer: { type: 'string' }, class: { type: 'string' },
    },
  });
  const [what, path] = positionals;
  if (!['grids', 'organization', 'problems', 'points', 'basemap'].includes(what ?? '') || !path) throw new Error(USAGE);
  const layer = values.layer as BasemapLayerName | undefined;
  if (what === 'basemap' && !BASEMAP_LAYER_NAMES.includes(layer!)) throw new Error(`--layer names the base map's layer the file is: ${BASEMAP_LAYER_NAMES.join(', ')}`);
  const basemapLayers = importableBasemapDirectory(loadConfig(process.env));
  if (what === 'basemap' && !basemapLayers) throw new Error('the base map is a raster service or an archive of the site\'s own (CIVGRID_RASTER_TILES, CIVGRID_BASEMAP): layers are not imported into it');
  const issueSource = values['issue-source'] ?? 'citizen_report';
  if (!(ISSUE_SOURCES as readonly string[]).includes(issueSource)) throw new Error(`--issue-source is one of ${ISSUE_SOURCES.join(', ')}`);
  if (what === 'problems' && !values['source-system']?.trim()) throw new Error('--source-system names the system the problems come from (12345, 数字城管)');
  const mapping = problemMappingOption(values.mapping);
  const defaultKind = values['default-kind'];
  if (defaultKind !== undefined && defaultKind !== 'block' && defaultKind !== 'strip') throw new Error(`--default-kind is block or strip, not ${defaultKind}`);
  const bytes = readFileSync(path);
  const { districts, close } = await openDistricts();
  try {
    const { store } = chosenDistrict(districts, values.district);
    const by = { username: `cli:${userInfo().username}`, address: 'local', historyName: `命令行（${userInfo().username}）` };
    let answer: ImportAnswer;
    if (what === 'problems') {
      answer = await dryRunProblemImport(store, { name: basename(path), bytes }, {
        sourceSystem: values['source-system']!.trim(), issueSource: issueSource as IssueSource, coordinateSystem: values.crs, mapping,
      }, by, Date.now());
      printProblemReport(answer);
    } else if (what === 'basemap') {
      answer = await dryRunBasemapImport(store, { name: basename(path), bytes }, {
        layer: layer!, coordinateSystem: values.crs, nameAttribute: values.name, classAttribute: values.class, encoding: values.encoding,
      }, by, Date.now());
      printBasemapReport(answer as BasemapImportAnswer);
    } else if (what === 'points') {
      answer = await dryRunInspectionImport(store, { name: basename(path), bytes }, { coordinateSystem: values.crs }, by, Date.now());
      printInspectionReport(answer);
    } else if (what === 'organization') {
      answer = await dryRunOrganizationImport(store, { name: basename(path), bytes }, by, Date.now());
      printOrganizationReport(answer);
    } else {
      answer = await dryRunGridImport(store, { name: basename(path), bytes }, {
        coordinateSystem: values.crs, defaultKind: defaultKind as GridKind | undefined, encoding: values.encoding,
        mapping: { code: values.code, name: values.name, kind: values.kind, street: values.street },
      }, by, Date.now());
      printGridReport(answer);
    }
    if (answer.report.errors.length > 0) {
      console.log('nothing was changed: correct the errors and import the file again');
      return 1;
    }
    const warnings = 'warnings' in answer.report ? answer.report.warnings.length : 0;
    if (values['dry-run']) {
      console.log(`dry run: nothing was changed; apply it from the admin page, or run again without --dry-run${warnings > 0 ? ' and with --accept-warnings' : ''}`);
      return 0;
    }
    const applied = await applyImport(store, answer.id, values['accept-warnings'] ?? false, by, Date.now(), { basemapLayers });
    console.log(applied.kind === 'problems' ? `applied: ${applied.report.rows.ready} problems added`
      : applied.kind === 'basemap' && applied.report.applied ? `applied: ${applied.report.applied.tiles} tiles built${applied.report.applied.dropped.length > 0 ? `; layers of another place emptied: ${applied.report.applied.dropped.join(', ')}` : ''}`
        : 'applied');
    if (applied.kind === 'organization' && applied.oneTimePasswords?.length) {
      console.log('one-time passwords of the new accounts (shown only now; each must be changed at first sign-in):');
      for (const account of applied.oneTimePasswords) console.log(`  ${account.username}\t${account.displayName}\t${account.password}`);
    }
    return 0;
  } finally {
    await close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`civgrid import: ${error instanceof ClientError || error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

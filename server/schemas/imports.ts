import { Type } from 'typebox';
import { Instant, NullableInstant, literals } from './common.ts';
import { GridKind } from './grids.ts';
import { IssueSource, IssueState } from './issues.ts';
import { PROBLEM_FIELDS } from '../import/problem-mapping.ts';
import { BASEMAP_LAYER_NAMES } from '../basemap/district-tiles.ts';

/** Importing a district's own data: the dry run's report, and applying it. */

export const ImportKind = literals(['grids', 'organization', 'problems', 'points', 'basemap'] as const);
export const BasemapLayer = literals(BASEMAP_LAYER_NAMES);

export const ImportIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$', description: 'the dry run\'s id' }) });

/** The form fields sent with the file (multipart/form-data), each a string. */
export const ImportFields = Type.Object({
  kind: ImportKind,
  coordinateSystem: Type.Optional(Type.String({ maxLength: 20, description: 'EPSG:4326, EPSG:4490, EPSG:4549 …, EPSG:3857, GCJ-02 or BD-09; omitted, the file\'s own (.prj, crs) or a guess from its numbers' })),
  codeAttribute: Type.Optional(Type.String({ maxLength: 100, description: 'the attribute holding the grid code; omitted, guessed (网格编码, code …)' })),
  nameAttribute: Type.Optional(Type.String({ maxLength: 100 })),
  kindAttribute: Type.Optional(Type.String({ maxLength: 100, description: 'block/strip (块/条); omitted, every grid is defaultKind' })),
  streetAttribute: Type.Optional(Type.String({ maxLength: 100 })),
  defaultKind: Type.Optional(GridKind),
  encoding: Type.Optional(Type.String({ maxLength: 20, description: 'a Shapefile\'s attribute encoding (GBK, UTF-8) when its .cpg is missing or wrong' })),
  sourceSystem: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '\\S', description: 'problems: the system the export comes from (12345, 数字城管); a source id is unique within it' })),
  issueSource: Type.Optional(IssueSource),
  mapping: Type.Optional(Type.String({ maxLength: 1024, description: 'problems: the columns as JSON, {"sourceId": "工单编号", …}; omitted, the mapping saved for the source system, else guessed' })),
  layer: Type.Optional(BasemapLayer),
  classAttribute: Type.Optional(Type.String({ maxLength: 100, description: 'basemap: the attribute holding a road\'s class (主干路, 次干路, 支路; primary …) or a place\'s kind' })),
}, { additionalProperties: false });

/** Each problem field's column in the export, by its header. */
export const ProblemColumnMapping = Type.Partial(Type.Object(Object.fromEntries(PROBLEM_FIELDS.map((field) => [field, Type.String({ minLength: 1, maxLength: 100 })])) as Record<(typeof PROBLEM_FIELDS)[number], ReturnType<typeof Type.String>>), { additionalProperties: false });

const FindingCode = literals([
  'null_geometry', 'empty_geometry', 'not_a_polygon', 'unclosed_ring', 'short_ring', 'self_intersection', 'outside_china',
  'missing_code', 'missing_name', 'duplicate_code', 'duplicate_name', 'block_overlap', 'gap', 'strip_outside', 'far_from_district', 'grid_count_changed',
] as const);

export const Finding = Type.Object({
  code: FindingCode,
  severity: literals(['error', 'warning'] as const),
  features: Type.Array(Type.Integer(), { description: 'the features concerned, by position in the file from 1' }),
  gridCodes: Type.Array(Type.String()),
  message: Type.String(),
  at: Type.Optional(Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: 'longitude, latitude (WGS84) to show on the map' })),
  areaSquareMetres: Type.Optional(Type.Number()),
  distanceKilometres: Type.Optional(Type.Number()),
});

const AreaOfGrid = Type.Object({ code: Type.String(), name: Type.String(), areaSquareMetres: Type.Number() });

export const GridImportReport = Type.Object({
  file: Type.Object({
    name: Type.String(),
    format: literals(['geojson', 'shapefile', 'kml', 'kmz', 'xlsx', 'csv'] as const),
    bytes: Type.Integer(),
    sha256: Type.String(),
    features: Type.Integer(),
    encoding: Type.Optional(Type.Object({ name: Type.String(), from: literals(['cpg', 'dbf language byte', 'detected', 'declared'] as const) })),
  }),
  coordinateSystem: Type.Object({
    code: Type.String(),
    name: Type.String(),
    from: literals(['declared', 'file', 'assumed', 'guessed'] as const),
    reason: Type.Optional(Type.String()),
    statedText: Type.Optional(Type.String()),
  }),
  attributes: Type.Array(Type.String()),
  mapping: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.Optional(Type.String()), street: Type.Optional(Type.String()) }),
  errors: Type.Array(Finding, { description: 'each blocks applying' }),
  warnings: Type.Array(Finding, { description: 'applied only when accepted' }),
  diff: Type.Object({
    added: Type.Array(AreaOfGrid),
    retired: Type.Array(AreaOfGrid, { description: 'grids the file does not hold: retired, never deleted' }),
    changed: Type.Array(Type.Object({
      code: Type.String(), name: Type.String(),
      fields: Type.Array(literals(['geometry', 'name', 'kind', 'street'] as const)),
      areaBefore: Type.Number(), areaAfter: Type.Number(), areaChange: Type.Number(),
    })),
    unchanged: Type.Integer(),
  }),
});

export const SheetProblem = Type.Object({
  sheet: Type.String(), row: Type.Integer(), column: Type.String(), problem: Type.String(),
  text: Type.String({ description: '工作表!行: 列: 问题' }),
});

export const OrganizationImportReport = Type.Object({
  file: Type.Object({ name: Type.String(), bytes: Type.Integer(), sha256: Type.String() }),
  errors: Type.Array(SheetProblem, { description: 'nothing is applied while any remains' }),
  warnings: Type.Array(Type.Object({ code: literals(['grids_not_listed'] as const), gridCodes: Type.Array(Type.String()), message: Type.String() })),
  changes: Type.Object({
    leadersAdded: Type.Array(Type.String()), leadersChanged: Type.Array(Type.String()),
    departmentsAdded: Type.Array(Type.String()), departmentsChanged: Type.Array(Type.String()),
    gridsChanged: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), fields: Type.Array(literals(['leader', 'lead', 'territorial', 'supporting'] as const)) })),
    gridsUnchanged: Type.Integer(),
    gridsNotListed: Type.Array(Type.String()),
    routesChanged: Type.Integer({ description: 'cells of the routing table (grid × category) the workbook changes' }),
    routesUnchanged: Type.Integer(),
    accountsAdded: Type.Array(Type.String(), { description: 'usernames of the accounts the sheet 账号 adds' }),
    accountsChanged: Type.Array(Type.String(), { description: 'usernames whose name, roles, department or grids it changes' }),
    accountsUnchanged: Type.Integer(),
  }),
});

export const ProblemImportReport = Type.Object({
  file: Type.Object({ name: Type.String(), format: literals(['xlsx', 'csv'] as const), bytes: Type.Integer(), sha256: Type.String(), encoding: Type.Optional(Type.String()) }),
  sourceSystem: Type.String(),
  issueSource: IssueSource,
  coordinateSystem: Type.Object({ code: Type.String(), name: Type.String() }),
  columns: Type.Array(Type.String(), { description: 'the header, as the file has it' }),
  mapping: ProblemColumnMapping,
  mappingFrom: literals(['declared', 'saved', 'guessed'] as const),
  rows: Type.Object({
    total: Type.Integer(),
    ready: Type.Integer({ description: 'rows that will be added' }),
    duplicatesInFile: Type.Integer({ description: 'rows whose source id came earlier in the file: skipped' }),
    alreadyImported: Type.Integer({ description: 'rows whose source id was imported before: skipped' }),
    placedByGridCode: Type.Integer({ description: 'rows without coordinates, placed in the grid their code names' }),
    withErrors: Type.Integer(),
  }),
  states: Type.Record(IssueState, Type.Integer()),
  reportedBetween: Type.Union([Type.Object({ first: Type.Number(), last: Type.Number() }), Type.Null()]),
  errors: Type.Array(SheetProblem, { description: 'the first 1,000 rows that cannot be read (文件!行: 列: 问题); any blocks applying' }),
});

export const InspectionImportReport = Type.Object({
  file: Type.Object({ name: Type.String(), bytes: Type.Integer(), sha256: Type.String() }),
  coordinateSystem: Type.String({ description: 'the system the positions were read in' }),
  errors: Type.Array(SheetProblem, { description: 'nothing is applied while any remains' }),
  changes: Type.Object({
    pointsAdded: Type.Array(Type.String()), pointsChanged: Type.Array(Type.String()), pointsUnchanged: Type.Integer(),
    evaluationsAdded: Type.Integer(), evaluationsAlreadyHeld: Type.Integer({ description: 'same point, day and evaluator as one the district holds: skipped' }),
  }),
});

export const BasemapImportReport = Type.Object({
  layer: BasemapLayer,
  file: Type.Object({ name: Type.String(), format: Type.String(), bytes: Type.Integer(), sha256: Type.String(), features: Type.Integer(), encoding: Type.Optional(Type.Object({ name: Type.String(), from: Type.String() })) }),
  coordinateSystem: Type.Object({ code: Type.String(), name: Type.String(), from: Type.String(), reason: Type.Optional(Type.String()), statedText: Type.Optional(Type.String()) }),
  attributes: Type.Array(Type.String()),
  mapping: Type.Object({ name: Type.Union([Type.String(), Type.Null()]), class: Type.Union([Type.String(), Type.Null()]) }),
  kept: Type.Record(Type.String(), Type.Integer(), { description: 'features kept, by the class the style draws them as' }),
  skipped: Type.Integer({ description: 'features of another kind of geometry, or none: left out' }),
  bounds: Type.Union([Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), Type.Null()]),
  errors: Type.Array(Type.Object({ code: literals(['no_features', 'outside_china'] as const), message: Type.String() })),
  warnings: Type.Array(Type.Object({ code: literals(['far_from_district', 'features_skipped'] as const), message: Type.String() })),
  applied: Type.Optional(Type.Object({ tiles: Type.Integer(), dropped: Type.Array(BasemapLayer, { description: 'layers of another place (the demo district\'s) emptied' }) })),
});

const importFields = {
  id: Type.String(),
  createdAt: Instant,
  createdBy: Type.String(),
  appliedAt: NullableInstant,
  appliedBy: Type.Union([Type.String(), Type.Null()]),
};

export const ImportSummary = Type.Object({ ...importFields, kind: ImportKind });

/** A dry run and its report: a grid file's, or an organization workbook's, as `kind` says. */
export const ImportAnswer = Type.Union([
  Type.Object({ ...importFields, kind: Type.Literal('grids'), report: GridImportReport }),
  Type.Object({
    ...importFields, kind: Type.Literal('organization'), report: OrganizationImportReport,
    oneTimePasswords: Type.Optional(Type.Array(Type.Object({ username: Type.String(), displayName: Type.String(), password: Type.String() }), {
      description: 'in the answer to applying only, and only this once: the first password of each account the import added, to hand to its holder, who must change it at first sign-in',
    })),
  }),
  Type.Object({ ...importFields, kind: Type.Literal('problems'), report: ProblemImportReport }),
  Type.Object({ ...importFields, kind: Type.Literal('points'), report: InspectionImportReport }),
  Type.Object({ ...importFields, kind: Type.Literal('basemap'), report: BasemapImportReport }),
]);

export const ImportList = Type.Object({
  imports: Type.Array(ImportSummary),
});

export const ApplyImportBody = Type.Object({
  acceptWarnings: Type.Boolean({ default: false, description: 'the report\'s warnings were read and are accepted' }),
}, { additionalProperties: false });

export const CoordinateSystemList = Type.Object({
  systems: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), projected: Type.Boolean() })),
});

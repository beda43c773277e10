import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { ErrorResponse, withErrors } from '../schemas/common.ts';
import { ApplyImportBody, CoordinateSystemList, ImportFields, ImportAnswer, ImportIdParams, ImportList, ProblemColumnMapping } from '../schemas/imports.ts';
import { ClientError, conflict, invalidParameter, notFound, refusal } from '../errors.ts';
import { BASEMAP_LAYER_NAMES } from '../basemap/district-tiles.ts';
import { signedInAccount } from '../plugins/authentication.ts';
import { applyImport, dryRunBasemapImport, dryRunGridImport, dryRunInspectionImport, dryRunOrganizationImport, dryRunProblemImport, importAnswer, proposedGrids, type Importer } from '../services/imports.ts';
import { inspectionWorkbook } from '../import/inspection-workbook.ts';
import { organizationWorkbook } from '../import/organization-template.ts';
import { historyName } from '../services/issue-workflow.ts';
import { knownCoordinateSystems } from '../import/coordinate-systems.ts';
import type { ImportFields as Fields } from '../schemas/contract.ts';
import { GridEditBody, GridResponsibilityBody } from '../schemas/grid-edits.ts';
import { GridCodeParams } from '../schemas/grids.ts';
import { changeGridResponsibility, dryRunGridEdit } from '../services/grid-edits.ts';

/** A district's own grid file is a few MB; a city's 1,000 grids as GeoJSON about 30 MB. */
export const IMPORT_FILE_BYTES = 64 * 1024 * 1024;

/** The mapping field: JSON of a problem field → column object. */
function problemMapping(text: string): Static<typeof ProblemColumnMapping> {
  let mapping: unknown;
  try {
    mapping = JSON.parse(text);
  } catch {
    throw invalidParameter('mapping', 'is not JSON: send {"sourceId": "工单编号", "reportedAt": "受理时间", …}');
  }
  const problem = Value.Errors(ProblemColumnMapping, mapping)[0];
  if (problem) throw invalidParameter(`mapping${problem.instancePath.replace(/\//g, '.')}`, problem.message);
  return mapping as Static<typeof ProblemColumnMapping>;
}

/** The administrator's imports of the district's own data (their district's, as accounts are). */
const routes: FastifyPluginAsyncTypebox<{ basemapLayers?: string }> = async (fastify, { basemapLayers }) => {
  await fastify.register(multipart, { limits: { fileSize: IMPORT_FILE_BYTES, files: 1, fields: 12, fieldSize: 1024, parts: 14 } });
  const config = { permission: 'imports' } as const;
  const context = (request: FastifyRequest) => {
    const { served, account } = signedInAccount(request);
    const by: Importer = { username: account.username, address: request.ip, historyName: historyName(account) };
    return { store: served.store, by, now: fastify.now() };
  };

  fastify.post('/imports', {
    config,
    schema: {
      tags: ['imports'], consumes: ['multipart/form-data'],
      summary: 'Dry-run an import: read and check the file (`file`, with the fields of ImportFields); nothing of the district changes until it is applied',
      response: withErrors({ 201: ImportAnswer, 413: ErrorResponse }),
    },
  }, async (request, reply) => {
    const { store, by, now } = context(request);
    if (!request.isMultipart()) throw new ClientError(400, 'send the file as multipart/form-data, in a field named file', refusal('multipart_needed', {}));
    const part = await request.file();
    if (!part) throw invalidParameter('file', 'no file was sent', 'no_file', {});
    const bytes = await part.toBuffer().catch((error: Error & { code?: string }) => {
      throw error.code === 'FST_REQ_FILE_TOO_LARGE' ? new ClientError(400, `file: larger than ${IMPORT_FILE_BYTES / 1048576} MB`, refusal('request_rejected', { reason: 'file_too_large' })) : error;
    });
    const fields = Object.fromEntries(Object.entries(part.fields)
      .filter(([name, field]) => name !== 'file' && field && 'value' in field)
      .map(([name, field]) => [name, String((field as { value: unknown }).value)]).filter(([, value]) => value !== ''));
    const problem = Value.Errors(ImportFields, fields)[0];
    if (problem) throw invalidParameter(problem.instancePath.replace(/^\//, '') || 'fields', problem.message);
    const given = fields as Fields;
    if (given.kind === 'problems') {
      if (!given.sourceSystem) throw invalidParameter('sourceSystem', 'name the system the problems come from (12345, 数字城管): a source id is unique within it');
      const answer = await dryRunProblemImport(store, { name: part.filename || 'file', bytes }, {
        sourceSystem: given.sourceSystem.trim(), issueSource: given.issueSource ?? 'citizen_report',
        coordinateSystem: given.coordinateSystem, mapping: given.mapping === undefined ? undefined : problemMapping(given.mapping),
      }, by, now);
      return reply.code(201).send(answer);
    }
    if (given.kind === 'basemap') {
      if (!basemapLayers) throw conflict('this server\'s base map is a raster service or an archive of the site\'s own (CIVGRID_RASTER_TILES, CIVGRID_BASEMAP): layers are not imported into it', refusal('basemap_not_importable', {}));
      if (!given.layer) throw invalidParameter('layer', `name the layer the file is: ${BASEMAP_LAYER_NAMES.join(', ')}`);
      return reply.code(201).send(await dryRunBasemapImport(store, { name: part.filename || 'file', bytes }, {
        layer: given.layer, coordinateSystem: given.coordinateSystem, nameAttribute: given.nameAttribute, classAttribute: given.classAttribute, encoding: given.encoding,
      }, by, now));
    }
    if (given.kind === 'points') return reply.code(201).send(await dryRunInspectionImport(store, { name: part.filename || 'file', bytes }, { coordinateSystem: given.coordinateSystem }, by, now));
    if (given.kind === 'organization') return reply.code(201).send(await dryRunOrganizationImport(store, { name: part.filename || 'file', bytes }, by, now));
    const answer = await dryRunGridImport(store, { name: part.filename || 'file', bytes }, {
      coordinateSystem: given.coordinateSystem, defaultKind: given.defaultKind, encoding: given.encoding,
      mapping: { code: given.codeAttribute, name: given.nameAttribute, kind: given.kindAttribute, street: given.streetAttribute },
    }, by, now);
    return reply.code(201).send(answer);
  });

  fastify.get('/imports', {
    config, schema: { tags: ['imports'], summary: 'The latest imports, dry runs and applied ones', response: withErrors({ 200: ImportList }) },
  }, async (request) => ({ imports: (await context(request).store.repositories.imports.list(100)).map((record) => {
    const { report: _report, ...summary } = importAnswer(record);
    return summary;
  }) }));

  fastify.get('/imports/:id', {
    config, schema: { tags: ['imports'], summary: 'A dry run\'s report', params: ImportIdParams, response: withErrors({ 200: ImportAnswer }) },
  }, async (request) => {
    const record = await context(request).store.repositories.imports.get(request.params.id);
    if (!record) throw notFound('import', request.params.id);
    return importAnswer(record);
  });

  fastify.get('/imports/:id/grids', {
    config, schema: { tags: ['imports'], summary: 'The grids a dry run would put in force, as GeoJSON (WGS84)', params: ImportIdParams },
  }, async (request) => proposedGrids(context(request).store, request.params.id));

  fastify.post('/imports/:id/apply', {
    config, bodyLimit: 1024,
    schema: {
      tags: ['imports'], summary: 'Apply a dry run, all of it in one transaction; refused while it has errors, or warnings not accepted',
      params: ImportIdParams, body: ApplyImportBody, response: withErrors({ 200: ImportAnswer }),
    },
  }, async (request) => {
    const { store, by, now } = context(request);
    return applyImport(store, request.params.id, request.body.acceptWarnings, by, now, { basemapLayers });
  });

  fastify.get('/imports/templates/organization.xlsx', {
    config, schema: { tags: ['imports'], summary: 'The organization workbook to fill in: Chinese headers, an example row in each sheet, and a notes sheet' },
  }, async (_request, reply) => reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="organization-template.xlsx"; filename*=UTF-8''${encodeURIComponent('组织与责任导入模板.xlsx')}`)
    .send(Buffer.from(await organizationWorkbook(null))));

  fastify.get('/imports/templates/inspection-points.xlsx', {
    config, schema: { tags: ['imports'], summary: 'The inspection point workbook to fill in: points and 测评 rounds, an example row in each, and a notes sheet' },
  }, async (_request, reply) => reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="inspection-points-template.xlsx"; filename*=UTF-8''${encodeURIComponent('测评点位导入模板.xlsx')}`)
    .send(Buffer.from(await inspectionWorkbook(null))));

  fastify.post('/grids/:code/edits', {
    config, bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags: ['imports'], summary: 'Dry-run a change of one grid (name, kind, street, boundary): the grids in force with it changed, checked as an imported file is; applied as an import',
      params: GridCodeParams, body: GridEditBody, response: withErrors({ 201: ImportAnswer }),
    },
  }, async (request, reply) => {
    const { store, by, now } = context(request);
    return reply.code(201).send(await dryRunGridEdit(store, request.params.code, request.body, by, now));
  });

  fastify.put('/grids/:code/responsibility', {
    config, bodyLimit: 16_384,
    schema: {
      tags: ['imports'], summary: 'Set a grid\'s 包片领导 and its 包片、属地、协同 units (by name), at once',
      params: GridCodeParams, body: GridResponsibilityBody, response: withErrors({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    const { store, by, now } = context(request);
    await changeGridResponsibility(store, request.params.code, request.body, by, now);
    return reply.code(204).send(null);
  });

  fastify.get('/coordinate-systems', {
    config, schema: { tags: ['imports'], summary: 'The coordinate systems a file may be declared in', response: withErrors({ 200: CoordinateSystemList }) },
  }, async () => ({ systems: knownCoordinateSystems() }));
};
export default routes;

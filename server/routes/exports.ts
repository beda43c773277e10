import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withErrors } from '../schemas/common.ts';
import { invalidParameter } from '../errors.ts';
import { gridsAsGeoJson, gridsAsShapefile, shapefileSystemProblem } from '../export/grid-files.ts';
import { organizationWorkbook } from '../import/organization-template.ts';
import { inspectionWorkbook } from '../import/inspection-workbook.ts';
import { IssuePositionsQuery } from '../schemas/issues.ts';
import { resolveIssueFilters } from '../services/issue-filters.ts';
import { attachment } from './attachment.ts';
import { scopeOf, signedInAccount, usernameOf } from '../plugins/authentication.ts';
import { exportDescription, PROBLEM_LIST_FORMATS, problemListFile } from '../export/problem-list.ts';
import { chinaDay } from '../domain/china-time.ts';
import { historyName } from '../services/issue-workflow.ts';
import { currentInspectionWorkbook, currentOrganization } from '../services/imports.ts';

/** The district's data as files: its grids as GeoJSON and as a zipped Shapefile. */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const districtName = async () => (await fastify.store.district())?.name ?? '';

  fastify.get('/exports/grids.geojson', {
    config: { permission: 'map' },
    schema: { tags: ['exports'], summary: 'The grids in force as GeoJSON (WGS84), with code, name, kind and street: imported again, it changes nothing' },
  }, async (_request, reply) => {
    const grids = await fastify.repositories.grids.inForce();
    return attachment(reply, 'grids.geojson', `${await districtName()}网格.geojson`, 'application/geo+json').send(JSON.stringify(gridsAsGeoJson(grids)));
  });

  fastify.get('/exports/organization.xlsx', {
    config: { permission: 'map' },
    schema: { tags: ['exports'], summary: 'Leaders, departments and each grid\'s responsibilities in the import workbook\'s form: imported again, it changes nothing' },
  }, async (_request, reply) => {
    const workbook = await organizationWorkbook(await currentOrganization(fastify.store));
    return attachment(reply, 'organization.xlsx', `${await districtName()}组织与责任.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(workbook));
  });

  fastify.get('/exports/inspection-points.xlsx', {
    config: { permission: 'map' },
    schema: { tags: ['exports'], summary: 'The inspection points and every 测评 round in the import workbook\'s form (WGS84): imported again, it changes nothing' },
  }, async (_request, reply) => {
    const workbook = await inspectionWorkbook(await currentInspectionWorkbook(fastify.store));
    return attachment(reply, 'inspection-points.xlsx', `${await districtName()}测评点位.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(workbook));
  });

  for (const format of ['csv', 'xlsx'] as const) {
    fastify.get(`/exports/problems.${format}`, {
      config: { permission: 'problems' },
      schema: {
        tags: ['exports'], querystring: IssuePositionsQuery, response: withErrors({}),
        summary: `The problems matching the list's filters, every one, newest first, as ${PROBLEM_LIST_FORMATS[format].described}; streamed`,
      },
    }, async (request, reply) => {
      const now = fastify.now();
      const filters = await resolveIssueFilters(request.query, fastify.repositories, now, scopeOf(request), usernameOf(request));
      const total = await fastify.repositories.issues.count(filters, now);
      const file = problemListFile(format, fastify.repositories, filters, now, total,
        () => exportDescription(request.query, now, historyName(signedInAccount(request).account), total));
      return attachment(reply, `problems.${format}`, `${await districtName()}问题清单${chinaDay(now)}.${format}`, file.contentType).send(file.body);
    });
  }

  fastify.get('/exports/grids.zip', {
    config: { permission: 'map' },
    schema: {
      tags: ['exports'], summary: 'The grids in force as a zipped Shapefile (.shp .shx .dbf .prj .cpg), attributes in GBK',
      querystring: Type.Object({ crs: Type.String({ default: 'EPSG:4490', maxLength: 20, description: 'EPSG:4490 (CGCS2000), EPSG:4326, or a CGCS2000 Gauss-Krüger zone such as EPSG:4549' }) }),
      response: withErrors({}),
    },
  }, async (request, reply) => {
    const problem = shapefileSystemProblem(request.query.crs);
    if (problem) throw invalidParameter('crs', problem);
    const grids = await fastify.repositories.grids.inForce();
    const zip = await gridsAsShapefile(grids, request.query.crs, 'grids');
    return attachment(reply, 'grids.zip', `${await districtName()}网格.zip`, 'application/zip').send(Buffer.from(zip));
  });
};
export default routes;

import { Type, type Static } from 'typebox';
import { PolygonGeometry, Reference } from './common.ts';

export const GridKind = Type.Union([Type.Literal('block'), Type.Literal('strip')]);
export const GridRole = Type.Union([Type.Literal('lead'), Type.Literal('territorial'), Type.Literal('supporting')]);

export const GridProperties = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: GridKind,
  street: Reference,
  areaSquareMetres: Type.Number(),
  leader: Type.Object({ id: Type.Integer(), name: Type.String(), title: Type.String() }),
  departments: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), role: GridRole })),
  openIssues: Type.Integer({ description: 'problems not yet closed or voided' }),
  overdueIssues: Type.Integer({ description: 'assigned or in progress and past the deadline now' }),
});
export type GridProperties = Static<typeof GridProperties>;

export const GridFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  properties: GridProperties,
  geometry: PolygonGeometry,
});

export const GridCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(GridFeature),
});
export type GridCollection = Static<typeof GridCollection>;

export const InspectionSummary = Type.Object({
  points: Type.Integer(),
  byType: Type.Array(Type.Object({ type: Type.String(), name: Type.String(), points: Type.Integer() })),
  latestRound: Type.Union([
    Type.Object({
      evaluatedOn: Type.String({ description: 'date of the latest third-party round' }),
      evaluatedPoints: Type.Integer(),
      meanScoreRate: Type.Number(),
      failedPoints: Type.Integer({ description: 'points judged 不合格 or 严重不合格' }),
    }),
    Type.Null(),
  ]),
});

export const GridDetail = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  properties: Type.Object({ ...GridProperties.properties, inspection: InspectionSummary }),
  geometry: PolygonGeometry,
});
export type GridDetail = Static<typeof GridDetail>;

export const GridCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });

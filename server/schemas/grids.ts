import { Type } from 'typebox';
import { GRADES } from '../domain/scoring-settings.ts';
import { ScoringSettings } from './performance.ts';
import { PerformanceWindowQuery, PolygonGeometry, Reference, WindowDays } from './common.ts';

export const GridKind = Type.Union([Type.Literal('block'), Type.Literal('strip')]);
export const GridRole = Type.Union([Type.Literal('lead'), Type.Literal('territorial'), Type.Literal('supporting')]);

export const GridPerformance = Type.Object({
  composite: Type.Union([Type.Number(), Type.Null()]),
  grade: Type.Union([Type.Enum(GRADES), Type.Null()], { description: 'null when the sample is too small (样本不足)' }),
  rank: Type.Union([Type.Integer(), Type.Null()], { description: 'among all grids; null when not ranked' }),
  tiedWith: Type.Integer(),
  rectificationRate: Type.Union([Type.Number(), Type.Null()], { description: '整改率, percent' }),
  onTimeRate: Type.Union([Type.Number(), Type.Null()], { description: '按期整改率, percent' }),
  evaluationScoreRate: Type.Union([Type.Number(), Type.Null()], { description: '测评得分率, percent' }),
  sampleSize: Type.Integer(),
}, { description: 'rectification performance over the window (default: the 30 days before today)' });

export const GridBaseProperties = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: GridKind,
  /** Empty for a grid imported before its organization. */
  street: Type.Union([Reference, Type.Null()]),
  areaSquareMetres: Type.Number(),
  leader: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), title: Type.String() }), Type.Null()]),
  departments: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), role: GridRole })),
  openIssues: Type.Integer({ description: 'problems not yet closed or voided' }),
  overdueIssues: Type.Integer({ description: 'assigned or in progress and past the deadline now' }),
});

export const GridProperties = Type.Object({ ...GridBaseProperties.properties, performance: GridPerformance });

export const GridFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  properties: GridProperties,
  geometry: PolygonGeometry,
});


/** What the map colours grids by, from the scoring settings the grades were computed with. */
export const GridColouring = Type.Object({
  gradeThresholds: ScoringSettings.properties.gradeThresholds,
  colourBands: ScoringSettings.properties.colourBands,
});

export const GridCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  window: WindowDays,
  colouring: GridColouring,
  features: Type.Array(GridFeature),
});

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

export const GridCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });
export const GridWindowQuery = Type.Object(PerformanceWindowQuery);

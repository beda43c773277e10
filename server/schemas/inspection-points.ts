import { Type } from 'typebox';
import { EVALUATION_VERDICTS, EVALUATOR_KINDS } from '../domain/issue-vocabulary.ts';
import { Reference, literals } from './common.ts';


export const FieldEvaluation = Type.Object({
  id: Type.Integer(),
  evaluatedOn: Type.String({ description: 'YYYY-MM-DD' }),
  evaluatorKind: literals(EVALUATOR_KINDS),
  itemsObserved: Type.Integer(),
  itemsFailed: Type.Integer(),
  scoreRate: Type.Number({ description: '得分率, percent' }),
  verdict: literals(EVALUATION_VERDICTS),
});

export const InspectionPointSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  type: Type.Object({ code: Type.String(), name: Type.String() }),
  grid: Type.Object({ code: Type.String(), name: Type.String() }),
  longitude: Type.Number(),
  latitude: Type.Number(),
  responsibleDepartment: Reference,
  responsiblePerson: Type.String(),
  latestEvaluation: Type.Union([FieldEvaluation, Type.Null()]),
});

export const InspectionPointDetail = Type.Object({
  ...InspectionPointSummary.properties,
  evaluations: Type.Array(FieldEvaluation),
});

export const InspectionPointQuery = Type.Object({
  grid: Type.Optional(Type.String({ maxLength: 20, description: 'grid code' })),
  type: Type.Optional(Type.String({ maxLength: 40, description: 'point type code, e.g. market' })),
});

export const InspectionPointIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

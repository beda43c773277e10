import { Type } from 'typebox';
import { DEPARTMENT_KINDS } from '../domain/issue-vocabulary.ts';
import { Reference } from './common.ts';

export const Leader = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  title: Type.String(),
  grids: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});

export const Department = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.Enum(DEPARTMENT_KINDS),
  street: Type.Union([Reference, Type.Null()]),
});

export const Category = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  deadline: Type.Union([
    Type.Object({ amount: Type.Number(), unit: Type.Union([Type.Literal('working_day'), Type.Literal('working_hour'), Type.Literal('hour')]) }),
    Type.Null(),
  ]),
  defaultDuty: Type.Union([Type.String(), Type.Null()]),
});

export const Street = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  grids: Type.Integer(),
});

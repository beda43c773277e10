import { Type } from 'typebox';
import { GridKind } from './grids.ts';

/** One grid changed by an administrator: its attributes and boundary, or its responsibility. */

// Longitude and latitude both within ±180: the import's validation names a position outside China.
const Position = Type.Array(Type.Number({ minimum: -180, maximum: 180 }), { minItems: 2, maxItems: 2, description: 'longitude, latitude (WGS84)' });
// A drawn boundary has tens of vertices; the limits only keep a request from being a burden.
const Ring = Type.Array(Position, { minItems: 1, maxItems: 20_000 });
const Rings = Type.Array(Ring, { minItems: 1, maxItems: 100 });

export const GridEditBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' })),
  kind: Type.Optional(GridKind),
  street: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()])),
  geometry: Type.Optional(Type.Union([
    Type.Object({ type: Type.Literal('Polygon'), coordinates: Rings }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Rings, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
  ], { description: 'the new boundary in WGS84; validated as an import\'s would be' })),
}, { additionalProperties: false });

const Units = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 60 });

export const GridResponsibilityBody = Type.Object({
  leader: Type.String({ minLength: 1, maxLength: 40, description: 'the 包片领导, by name' }),
  units: Type.Object({ lead: Units, territorial: Units, supporting: Units }, { additionalProperties: false, description: 'departments by name, in each role' }),
}, { additionalProperties: false });

import { Type } from 'typebox';
import { DISTRICT_CODE_PATTERN } from '../store/districts.ts';
import { PerformanceWindowQuery, WindowDays } from './common.ts';
import { PerformanceRow } from './performance.ts';

export const District = Type.Object({
  code: Type.String({ pattern: DISTRICT_CODE_PATTERN, description: 'names the district in every path of its API: /api/districts/<code>/…' }),
  name: Type.String(),
});
export const DistrictList = Type.Array(District);

export const CityQuery = Type.Object({ ...PerformanceWindowQuery });

export const CityDistrict = Type.Object({
  district: District,
  performance: PerformanceRow,
}, { description: "a district's figures by its own scoring settings; rank and tiedWith place it among the city's districts" });
export const City = Type.Object({ window: WindowDays, districts: Type.Array(CityDistrict) });

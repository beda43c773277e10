import { Type } from 'typebox';
import { MAXIMUM_PASSWORD_LENGTH } from '../domain/password-policy.ts';
import { DISTRICT_CODE_PATTERN } from '../store/districts.ts';

/** A new installation's first step: naming its district and making its administrator. */

export const SetupStatus = Type.Object({
  needed: Type.Boolean({ description: 'the installation holds no district yet; the first administrator names it' }),
});

export const SetupBody = Type.Object({
  setupCode: Type.String({ minLength: 1, maxLength: 100, description: 'the code the server printed when it started with no district' }),
  district: Type.Object({
    code: Type.String({ pattern: DISTRICT_CODE_PATTERN, description: 'lower-case letters, digits and _: a pinyin name or the 行政区划代码' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
  }, { additionalProperties: false }),
  administrator: Type.Object({
    username: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.@-]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.String({ minLength: 1, maxLength: MAXIMUM_PASSWORD_LENGTH }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Requests carry only finite numbers. JSON Schema's `number` and `integer` let Infinity through:
 * the validator's type coercion reads `Infinity`, `1e400` or `-Infinity` in a query as a number,
 * and JSON.parse reads `1e400` in a body as Infinity, which then slips past `minimum` and
 * `maximum`, cannot be stored, and broke whatever read it back. So every validator the routes'
 * schemas compile to is followed by a walk of the (coerced) data that refuses any non-finite
 * number, naming where it was.
 */

/** The path of the first number in a value that is not finite, or null when there is none. */
export function firstNonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = firstNonFinite(item, `${path}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

type ValidatorFactory = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']>;

const buildAjvValidator = AjvCompiler();

/** Fastify's own Ajv validators, each refusing non-finite numbers once the schema is satisfied. */
export const finiteValidatorFactory: ValidatorFactory = (externalSchemas, options) => {
  const compile = buildAjvValidator(externalSchemas, options);
  // Typed as Ajv's own compile function, which Fastify calls the same way.
  return ((route: { schema: unknown; httpPart?: string }) => {
    const validate = compile(route as never);
    const validateFinite = (data: unknown) => {
      const valid = validate(data);
      // Fastify reads a failed validation's errors from the function it called.
      validateFinite.errors = validate.errors;
      if (valid !== true) return valid;
      const path = firstNonFinite(data);
      return path === null ? true : { error: new Error(`${route.httpPart ?? 'request'}${path} must be a finite number`) };
    };
    validateFinite.errors = validate.errors;
    return validateFinite;
  }) as unknown as ReturnType<ValidatorFactory>;
};

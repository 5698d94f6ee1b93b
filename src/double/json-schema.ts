//! Purpose: a small JSON-schema validator for the subset GitHub's OpenAPI description uses.

/** A schema node as it appears in an OpenAPI 3.0 document (loose on purpose: the file is data). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export type RefResolver = (ref: string) => Schema | undefined;

const MAX_DEPTH = 60;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

/**
 * Validates `value` against `schema`, returning human-readable errors (empty when valid).
 * `oneOf` is checked like `anyOf`: GitHub's schemas often have overlapping branches
 * (e.g. `{type: string}` and `{type: integer}` under a `nullable`) that its server accepts.
 */
export function validateSchema(
  value: unknown,
  schema: Schema,
  resolve: RefResolver,
  at = "body",
  depth = 0,
): string[] {
  if (depth > MAX_DEPTH) return [];
  if (schema.$ref !== undefined) {
    const target = resolve(schema.$ref);
    return target ? validateSchema(value, target, resolve, at, depth + 1) : [`${at}: unresolved ${schema.$ref}`];
  }
  const actual = typeOf(value);
  if (value === null && schema.nullable) return [];
  const errors: string[] = [];
  if (schema.allOf) {
    for (const part of schema.allOf) errors.push(...validateSchema(value, part, resolve, at, depth + 1));
  }
  for (const options of [schema.oneOf, schema.anyOf]) {
    if (!options) continue;
    const results = options.map((option) => validateSchema(value, option, resolve, at, depth + 1));
    if (!results.some((r) => r.length === 0)) {
      const best = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      errors.push(best.length === 1 ? best[0]! : `${at}: does not match any allowed shape (${best.join("; ")})`);
    }
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, actual))) {
      return [...errors, `${at}: expected ${types.join(" or ")}, got ${actual}`];
    }
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (actual === "string") errors.push(...checkString(value as string, schema, at));
  if (actual === "integer" || actual === "number") errors.push(...checkNumber(value as number, schema, at));
  if (actual === "array") errors.push(...checkArray(value as unknown[], schema, resolve, at, depth));
  if (actual === "object") errors.push(...checkObject(value as Record<string, unknown>, schema, resolve, at, depth));
  return errors;
}

function checkString(value: string, schema: Schema, at: string): string[] {
  const errors: string[] = [];
  if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
  return errors;
}

function checkNumber(value: number, schema: Schema, at: string): string[] {
  const errors: string[] = [];
  if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
  if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  return errors;
}

function checkArray(value: unknown[], schema: Schema, resolve: RefResolver, at: string, depth: number): string[] {
  const errors: string[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    errors.push(`${at}: needs at least ${schema.minItems} item(s)`);
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    errors.push(`${at}: allows at most ${schema.maxItems} item(s)`);
  }
  if (schema.items) {
    value.forEach((item, i) => errors.push(...validateSchema(item, schema.items!, resolve, `${at}[${i}]`, depth + 1)));
  }
  return errors;
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  resolve: RefResolver,
  at: string,
  depth: number,
): string[] {
  const errors: string[] = [];
  for (const key of schema.required ?? []) {
    if (!(key in value)) errors.push(`${at}: missing required property "${key}"`);
  }
  const properties = schema.properties ?? {};
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (propertySchema) {
      errors.push(...validateSchema(item, propertySchema, resolve, `${at}.${key}`, depth + 1));
    } else if (schema.additionalProperties === false) {
      errors.push(`${at}: unexpected property "${key}"`);
    } else if (typeof schema.additionalProperties === "object") {
      errors.push(...validateSchema(item, schema.additionalProperties, resolve, `${at}.${key}`, depth + 1));
    }
  }
  return errors;
}

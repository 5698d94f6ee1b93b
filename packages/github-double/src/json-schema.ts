//! Purpose: a small JSON Schema validator (draft-07 and OpenAPI 3.0 subsets): the double's request checks, and tests'.

export type Schema = { [keyword: string]: unknown };

export interface SchemaOptions {
  /** Resolves a `$ref` such as `#/components/schemas/x` against the document it came from. */
  resolve: (ref: string) => Schema;
  /**
   * Report object properties the schema does not declare even when it says nothing about
   * `additionalProperties`. GitHub ignores unknown request fields silently, so a typo would pass unseen.
   */
  strict?: boolean;
  /**
   * Accept a value that matches several `oneOf` branches. GitHub's description has overlapping branches
   * (e.g. `{type: string}` and `{type: integer}` under a `nullable`) that its server accepts.
   */
  oneOfAsAnyOf?: boolean;
}

/** Every way `value` breaks `schema`, as `path: message` lines; empty when it conforms. */
export function validateSchema(schema: Schema, value: unknown, options: SchemaOptions, path = "$"): string[] {
  return check(schema, value, options, path, false);
}

function check(schema: Schema, value: unknown, options: SchemaOptions, path: string, branch: boolean): string[] {
  if (typeof schema.$ref === "string") return check(options.resolve(schema.$ref), value, options, path, branch);
  if (value === null && schema.nullable === true) return [];
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${path}: ${message}`);

  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length && !types.some((type) => isType(value, String(type)))) {
    return [`${path}: expected ${types.join(" or ")}, got ${describe(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => same(option, value))) {
    fail(`${JSON.stringify(value)} is not one of ${schema.enum.map((option) => JSON.stringify(option)).join(", ")}`);
  }
  if ("const" in schema && !same(schema.const, value)) fail(`expected ${JSON.stringify(schema.const)}`);
  if (typeof value === "string") checkString(schema, value, fail);
  if (typeof value === "number") checkNumber(schema, value, fail);
  if (Array.isArray(value)) errors.push(...checkArray(schema, value, options, path));
  if (isObject(value)) errors.push(...checkObject(schema, value, options, path, branch));
  errors.push(...checkCombinators(schema, value, options, path));
  return errors;
}

function checkString(schema: Schema, value: string, fail: (message: string) => void): void {
  if (typeof schema.minLength === "number" && value.length < schema.minLength) fail(`shorter than ${schema.minLength}`);
  if (typeof schema.maxLength === "number" && value.length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
    fail(`does not match /${schema.pattern}/`);
  }
}

function checkNumber(schema: Schema, value: number, fail: (message: string) => void): void {
  if (typeof schema.minimum === "number") {
    // OpenAPI 3.0 spells an exclusive bound as a boolean beside `minimum`; draft-07 as a number of its own.
    const exclusive = schema.exclusiveMinimum === true;
    if (exclusive ? value <= schema.minimum : value < schema.minimum) fail(`below the minimum ${schema.minimum}`);
  }
  if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) {
    fail(`not above ${schema.exclusiveMinimum}`);
  }
  if (typeof schema.maximum === "number") {
    const exclusive = schema.exclusiveMaximum === true;
    if (exclusive ? value >= schema.maximum : value > schema.maximum) fail(`above the maximum ${schema.maximum}`);
  }
  if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) {
    fail(`not below ${schema.exclusiveMaximum}`);
  }
}

function checkArray(schema: Schema, value: unknown[], options: SchemaOptions, path: string): string[] {
  const errors: string[] = [];
  if (typeof schema.minItems === "number" && value.length < schema.minItems) {
    errors.push(`${path}: ${value.length} items, fewer than ${schema.minItems}`);
  }
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
    errors.push(`${path}: ${value.length} items, more than ${schema.maxItems}`);
  }
  if (isObject(schema.items)) {
    const items = schema.items;
    value.forEach((item, index) => errors.push(...check(items, item, options, `${path}[${index}]`, false)));
  }
  return errors;
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  options: SchemaOptions,
  path: string,
  branch: boolean,
): string[] {
  const errors: string[] = [];
  const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, Schema>;
  for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (!(name in value)) errors.push(`${path}: missing required property ${JSON.stringify(name)}`);
  }
  const declared = declaredProperties(schema, options);
  for (const [name, child] of Object.entries(value)) {
    const childPath = `${path}.${name}`;
    const propertySchema = properties[name];
    if (propertySchema) {
      errors.push(...check(propertySchema, child, options, childPath, false));
    } else if (isObject(schema.additionalProperties)) {
      errors.push(...check(schema.additionalProperties, child, options, childPath, false));
    } else if (schema.additionalProperties === false) {
      errors.push(`${path}: unknown property ${JSON.stringify(name)}`);
    } else if (schema.additionalProperties === undefined && options.strict && !branch) {
      // A branch of oneOf/anyOf names only the properties it constrains: its parent judges the rest.
      // A schema that declares no properties at all is a free-form object.
      if (declared.size > 0 && !declared.has(name)) errors.push(`${path}: unknown property ${JSON.stringify(name)}`);
    }
    if (isObject(schema.propertyNames)) {
      errors.push(...check(schema.propertyNames, name, options, `${path} key ${JSON.stringify(name)}`, false));
    }
  }
  return errors;
}

function checkCombinators(schema: Schema, value: unknown, options: SchemaOptions, path: string): string[] {
  const errors: string[] = [];
  for (const part of asSchemas(schema.allOf)) errors.push(...check(part, value, options, path, true));
  const anyOf = asSchemas(schema.anyOf);
  if (anyOf.length) {
    const results = anyOf.map((part) => check(part, value, options, path, true));
    if (!results.some((result) => result.length === 0)) {
      errors.push(`${path}: matches none of anyOf (closest: ${closestFailure(results)})`);
    }
  }
  const oneOf = asSchemas(schema.oneOf);
  if (oneOf.length) {
    const results = oneOf.map((part) => check(part, value, options, path, true));
    const matches = results.filter((result) => result.length === 0).length;
    if (matches === 0) errors.push(`${path}: matches none of oneOf (closest: ${closestFailure(results)})`);
    if (matches > 1 && !options.oneOfAsAnyOf) errors.push(`${path}: matches ${matches} branches of oneOf, not exactly one`);
  }
  return errors;
}

/** Properties named anywhere in the schema or its branches: what a strict check accepts. */
function declaredProperties(schema: Schema, options: SchemaOptions, seen = new Set<Schema>()): Set<string> {
  const resolved = typeof schema.$ref === "string" ? options.resolve(schema.$ref) : schema;
  const names = new Set<string>();
  if (seen.has(resolved)) return names;
  seen.add(resolved);
  if (isObject(resolved.properties)) Object.keys(resolved.properties).forEach((name) => names.add(name));
  for (const part of [...asSchemas(resolved.allOf), ...asSchemas(resolved.anyOf), ...asSchemas(resolved.oneOf)]) {
    declaredProperties(part, options, seen).forEach((name) => names.add(name));
  }
  return names;
}

function closestFailure(results: string[][]): string {
  const best = [...results].sort((a, b) => a.length - b.length)[0] ?? [];
  return best.join("; ");
}

function asSchemas(value: unknown): Schema[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "string" ? `string ${JSON.stringify(value)}` : typeof value;
}

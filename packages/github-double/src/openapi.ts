//! Purpose: GitHub's REST description (one file, loaded once): route matching and request-body validation.
import { readFileSync } from "node:fs";
import { validateSchema, type Schema } from "./json-schema.js";
import { packageFile } from "./package-file.js";

interface Operation {
  operationId?: string;
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  requestBody?: { $ref?: string; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
  externalDocs?: { url?: string };
  "x-github"?: { category?: string; subcategory?: string };
}

interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; requestBodies?: Record<string, unknown>; responses?: Record<string, unknown> };
}

export interface Route {
  method: string;
  /** The path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  operation: Operation;
  pattern: RegExp;
  names: string[];
  /** Literal segments first: `/issues/comments/{id}` must win over `/issues/{issue_number}/...`. */
  rank: string;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

const METHODS = ["get", "post", "put", "patch", "delete", "head"];

interface Loaded {
  description: Description;
  /** Routes by "METHOD segment-count", most literal first. */
  routes: Map<string, Route[]>;
  byTemplate: Map<string, Route>;
}

let cache: Loaded | undefined;

function load(): Loaded {
  if (cache) return cache;
  // The package's index is ~385 MB of every variant; read the one generated file we need.
  const file = packageFile("@octokit/openapi", "generated/api.github.com.json");
  const description = JSON.parse(readFileSync(file, "utf8")) as Description;
  const routes = new Map<string, Route[]>();
  const byTemplate = new Map<string, Route>();
  for (const [template, item] of Object.entries(description.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = compile(method.toUpperCase(), template, operation);
      const key = `${route.method} ${template.split("/").length}`;
      routes.set(key, [...(routes.get(key) ?? []), route]);
      byTemplate.set(`${route.method} ${template}`, route);
    }
  }
  for (const list of routes.values()) list.sort((a, b) => (a.rank < b.rank ? -1 : 1));
  cache = { description, routes, byTemplate };
  return cache;
}

function compile(method: string, template: string, operation: Operation): Route {
  const names: string[] = [];
  const segments = template.split("/").map((segment) =>
    segment.replace(/\{([^}]+)\}|[^{]+/g, (whole, name: string | undefined) => {
      if (name === undefined) return whole.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    }),
  );
  const rank = template.split("/").map((s) => (s.startsWith("{") ? "1" : "0")).join("");
  return { method, template, operation, pattern: new RegExp(`^${segments.join("/")}$`), names, rank };
}

/** Finds GitHub's route for a method and a path (without query), or undefined when GitHub has none. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const { routes } = load();
  const upper = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  const candidates = routes.get(`${upper} ${path.split("/").length}`) ?? [];
  // `{path}` in the contents API spans segments when a client does not encode the slashes.
  const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(path);
  const contentsRoute = contents && load().byTemplate.get(`${upper} /repos/{owner}/{repo}/contents/{path}`);
  if (contents && contentsRoute) {
    const [, owner = "", repo = "", rest = ""] = contents;
    return { route: contentsRoute, params: { owner: decode(owner), repo: decode(repo), path: decode(rest) } };
  }
  for (const route of candidates) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decode(found[i + 1] ?? "")));
    return { route, params };
  }
  return undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function resolveRef(ref: string): Schema | undefined {
  const { description } = load();
  let node: unknown = description;
  for (const part of ref.replace(/^#\//, "").split("/")) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node as Schema | undefined;
}

function bodySchema(operation: Operation): Schema | undefined {
  let body = operation.requestBody;
  if (body?.$ref) body = resolveRef(body.$ref) as Operation["requestBody"];
  return body?.content?.["application/json"]?.schema;
}

/** The JSON schema of a route's success response, for tests that check the double's answers. */
export function responseSchema(method: string, template: string, status = 200): Schema | undefined {
  const operation = load().description.paths[template]?.[method.toLowerCase()];
  let response = operation?.responses?.[String(status)];
  if (response?.$ref) response = resolveRef(response.$ref) as typeof response;
  return response?.content?.["application/json"]?.schema;
}

/** The schema GitHub's description gives a webhook payload, e.g. `webhook-projects-v2-item-edited`. */
export function webhookSchema(name: string): Schema | undefined {
  return load().description.components.schemas[name];
}

const resolve = (ref: string): Schema => {
  const target = resolveRef(ref);
  if (!target) throw new Error(`unresolved $ref ${ref}`);
  return target;
};

/** Validates a value against a schema of GitHub's description (resolving its `$ref`s), as leniently as GitHub. */
export function validateAgainst(value: unknown, schema: Schema, at = "body"): string[] {
  return validateSchema(schema, value, { resolve, oneOfAsAnyOf: true }, at);
}

/** The documentation URL GitHub puts in error bodies for this route. */
export function documentationUrl(route: Route | undefined): string {
  return route?.operation.externalDocs?.url ?? "https://docs.github.com/rest";
}

/**
 * Checks a REST request against GitHub's description: the route must exist and the JSON body must
 * match the operation's request schema. Returns the errors (empty when GitHub would accept it).
 */
export function validateRestRequest(
  request: { method: string; path: string; body?: unknown },
  options: { strict?: boolean } = {},
): string[] {
  const path = request.path.split("?")[0] ?? "";
  const match = matchRoute(request.method, path);
  if (!match) return [`${request.method.toUpperCase()} ${path}: no such route in GitHub's REST API`];
  const schema = bodySchema(match.route.operation);
  if (request.body === undefined) return [];
  if (!schema) return options.strict ? [`${request.method.toUpperCase()} ${match.route.template} takes no JSON body`] : [];
  return validateSchema(schema, request.body, { resolve, oneOfAsAnyOf: true, strict: options.strict === true }, "body");
}

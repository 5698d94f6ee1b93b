//! Purpose: check a REST request body our code sends against GitHub's own OpenAPI description of that endpoint.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { validateSchema, type Schema } from "./json-schema.js";

export interface RestRequest {
  method: string;
  /** A template (`/repos/{owner}/{repo}/check-runs`) or a concrete path (`/repos/o/r/check-runs`). */
  path: string;
  body?: unknown;
}

type Document = { paths: Record<string, Record<string, Operation | undefined>> } & Schema;
type Operation = {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema } | undefined> };
};

let cached: Document | undefined;

/** Only the generated description is read: the package's index would pull in every variant (GHES, GHEC). */
function githubDescription(): Document {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
    cached = JSON.parse(readFileSync(file, "utf8")) as Document;
  }
  return cached;
}

/** Every way the body breaks the endpoint's request schema (unknown properties included); empty when it conforms. */
export function validateRestRequest({ method, path, body }: RestRequest): string[] {
  const document = githubDescription();
  const template = findTemplate(document, path);
  const operation = template ? document.paths[template]?.[method.toLowerCase()] : undefined;
  if (!template || !operation) return [`${method.toUpperCase()} ${path} is not in GitHub's OpenAPI description`];
  const requestBody = operation.requestBody;
  if (body === undefined) return requestBody?.required ? ["the request body is required"] : [];
  const schema = requestBody?.content?.["application/json"]?.schema;
  if (!schema) return [`${method.toUpperCase()} ${template} takes no JSON body`];
  return validateSchema(schema, body, { resolve: (ref) => resolvePointer(document, ref), strict: true });
}

function findTemplate(document: Document, path: string): string | undefined {
  const bare = path.split("?")[0] ?? path;
  if (bare in document.paths) return bare;
  const segments = bare.split("/");
  const literals = (template: string) => template.split("/").filter((part) => !part.startsWith("{")).length;
  // `/repos/{owner}/{repo}/check-runs` and `/repos/{owner}/{repo}/{x}` could both match: the more literal wins.
  return Object.keys(document.paths)
    .filter((template) => {
      const parts = template.split("/");
      return parts.length === segments.length && parts.every((part, i) => part.startsWith("{") || part === segments[i]);
    })
    .sort((a, b) => literals(b) - literals(a))[0];
}

function resolvePointer(document: Document, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, not ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (typeof node !== "object" || node === null) throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

//! Purpose: executing a GraphQL request against GitHub's schema and answering in GitHub's shape.
import { defaultFieldResolver, execute, type GraphQLError, type GraphQLFieldResolver } from "graphql";
import { mutations } from "./graphql-mutations.js";
import { projectItemsOf, projectMutations, projectsRoot } from "./graphql-projects.js";
import { queryRoot, repoView } from "./graphql-repo.js";
import { checkDocument, githubSchema } from "./graphql-schema.js";
import type { GCtx, GRequest, Links } from "./graphql-views.js";
import { DoubleError } from "./store.js";

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** GitHub puts `type` (NOT_FOUND, FORBIDDEN, ...) at the top of resolver errors. */
function formatError(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  const json: Record<string, unknown> = {};
  if (original instanceof DoubleError) json.type = original.type;
  if (error.path) json.path = error.path;
  if (error.locations) json.locations = error.locations;
  json.message = error.message;
  if (error.extensions && Object.keys(error.extensions).length > 0) json.extensions = error.extensions;
  return json;
}

/** Plain objects and functions resolve by default; a field the double does not model is an error, never a silent null. */
const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (source !== null && typeof source === "object" && !(info.fieldName in source)) {
    throw new DoubleError(501, `The GitHub double does not model ${info.parentType.name}.${info.fieldName}`, "NOT_IMPLEMENTED");
  }
  return defaultFieldResolver(source, args, context, info);
};

const links: Links = { repoView, projectItemsOf };

/** Runs one request; invalid documents answer `{errors}` with HTTP 200, as GitHub does. */
export async function executeGraphql(asked: GRequest, request: GraphqlRequest): Promise<Record<string, unknown>> {
  const g: GCtx = { ...asked, links };
  if (typeof request.query !== "string") {
    return { errors: [{ message: "A query attribute must be specified and must be a string." }] };
  }
  const variables = request.variables && typeof request.variables === "object" ? (request.variables as Record<string, unknown>) : {};
  const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
  const checked = checkDocument(request.query, variables, operationName);
  if (!checked.document || checked.errors.length > 0) {
    return { errors: checked.errors.map((e) => e.toJSON()) };
  }
  const rootValue: Record<string, unknown> = { ...queryRoot(g), ...projectsRoot(g) };
  for (const [name, run] of Object.entries({ ...mutations, ...projectMutations })) rootValue[name] = (args: { input: Record<string, unknown> }) => run(args, g);
  const result = await execute({
    schema: githubSchema(),
    document: checked.document,
    rootValue,
    contextValue: g,
    variableValues: variables,
    operationName,
    fieldResolver,
    typeResolver: (value) => (value as { __typename?: string }).__typename,
  });
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors) body.errors = result.errors.map(formatError);
  return body;
}

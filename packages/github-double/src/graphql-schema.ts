//! Purpose: GitHub's GraphQL schema (built once) and document checks: validation, root fields, writes.
import { readFileSync } from "node:fs";
import {
  buildSchema,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { packageFile } from "./package-file.js";

let schema: GraphQLSchema | undefined;

/** GitHub's public schema. Its SDL defines some fields twice, which `buildSchema` rejects unless told the SDL is valid. */
export function githubSchema(): GraphQLSchema {
  if (schema) return schema;
  const file = packageFile("@octokit/graphql-schema", "schema.graphql");
  schema = buildSchema(readFileSync(file, "utf8"), { assumeValidSDL: true });
  return schema;
}

export interface Checked {
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  errors: GraphQLError[];
}

/** Parses and validates a document (and its variables) as graphql-js does; errors are its messages. */
export function checkDocument(query: string, variables: Record<string, unknown> = {}, operationName?: string): Checked {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
  }
  const errors = validate(githubSchema(), document);
  if (errors.length > 0) return { document, errors: [...errors] };
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { document, errors: [new GraphQLError(operationName ? `Unknown operation named "${operationName}".` : "Must provide an operation.")] };
  if (!operationName && operations.length > 1) {
    return { document, errors: [new GraphQLError("Must provide operation name if query contains multiple operations.")] };
  }
  const coerced = getVariableValues(githubSchema(), operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return { document, operation, errors: [...coerced.errors] };
  return { document, operation, errors: [] };
}

/** Validates a GraphQL request against GitHub's schema; returns graphql-js's error messages. */
export function validateGraphql(query: string, variables?: Record<string, unknown>): string[] {
  return checkDocument(query, variables).errors.map((e) => e.message);
}

/** Root field names of the document's operations (not aliases), and whether any is a mutation. */
export function rootFields(query: string): { names: string[]; write: boolean } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return { names: [], write: false };
  }
  const names: string[] = [];
  let write = false;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (definition.operation === "mutation") write = true;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && !selection.name.value.startsWith("__")) names.push(selection.name.value);
    }
  }
  return { names, write };
}

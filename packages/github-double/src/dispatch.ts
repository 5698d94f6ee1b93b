//! Purpose: one request through the double: routing, faults, auth, validation, handling, recording.
import { randomUUID } from "node:crypto";
import { actorOf, type Auth, type Principal } from "./auth.js";
import { Faults, faultBody } from "./faults.js";
import { executeGraphql } from "./graphql-exec.js";
import { rootFields } from "./graphql-schema.js";
import { documentationUrl, matchRoute, validateRestRequest, type RouteMatch } from "./openapi.js";
import { requirePermission, routePermissions } from "./permissions.js";
import { PUBLIC_ROUTES } from "./rest-app.js";
import type { RestCtx, RestResult } from "./rest-context.js";
import { ROUTES } from "./rest-routes.js";
import { DoubleError, type Store } from "./store.js";
import type { Delivery } from "./types.js";

export interface DoubleRequest {
  method: string;
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string;
}

export interface DoubleResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestRecord {
  method: string;
  /** Path without `/api/v3` and without query; `/graphql` for GraphQL. */
  path: string;
  kind: "rest" | "graphql";
  /** Changes GitHub data (a non-GET REST call other than minting a token, or a document with a mutation). */
  write: boolean;
  /** GraphQL root fields (mutations or query fields). */
  operationNames?: string[];
  status: number;
  /** Wall-clock time (ms) the request arrived. */
  at: number;
  /** The installation whose token made it (GitHub paces and limits per installation). */
  installation?: number;
}

interface Target {
  kind: "rest" | "graphql";
  path: string;
}

/** REST lives at the root of api.github.com, or under `/api/v3` elsewhere (GHE style); GraphQL at `/graphql` or `/api/graphql`. */
function targetOf(url: URL): Target | undefined {
  if (url.hostname === "api.github.com") {
    return url.pathname === "/graphql" ? { kind: "graphql", path: "/graphql" } : { kind: "rest", path: url.pathname };
  }
  if (url.pathname === "/api/graphql") return { kind: "graphql", path: "/graphql" };
  if (url.pathname === "/api/v3" || url.pathname.startsWith("/api/v3/")) return { kind: "rest", path: url.pathname.slice(7) || "/" };
  return undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): DoubleResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: body === undefined ? "" : JSON.stringify(body) };
}

function errorBody(error: DoubleError, match: RouteMatch | undefined): Record<string, unknown> {
  return { message: error.message, ...error.extra, documentation_url: documentationUrl(match?.route), status: String(error.status) };
}

export interface DispatchDeps {
  store: Store;
  auth: Auth;
  faults: Faults;
  records: RequestRecord[];
  /** Called with the webhooks a request caused, after it was handled. */
  deliver: (deliveries: Delivery[]) => void;
}

export async function dispatch(deps: DispatchDeps, request: DoubleRequest): Promise<DoubleResponse> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const target = targetOf(url);
  if (!target) return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  let body: unknown;
  const text = request.body ?? "";
  let parseFailed = false;
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    parseFailed = true;
  }
  const query = target.kind === "graphql" ? (body as { query?: unknown } | undefined)?.query : undefined;
  const fields = typeof query === "string" ? rootFields(query) : { names: [], write: false };
  const match = target.kind === "rest" ? matchRoute(method, target.path) : undefined;
  const record: RequestRecord = {
    method,
    path: target.path,
    kind: target.kind,
    write: target.kind === "graphql" ? fields.write : !["GET", "HEAD"].includes(method) && !target.path.endsWith("/access_tokens"),
    status: 0,
    at: Date.now(),
  };
  if (target.kind === "graphql") record.operationNames = fields.names;
  const deliveries: Delivery[] = [];
  const response = await answer();
  record.status = response.status;
  deps.records.push(record);
  response.headers["x-github-request-id"] = randomUUID().toUpperCase().slice(0, 23);
  if (response.status < 400 && deliveries.length > 0) deps.deliver(deliveries);
  if (method === "HEAD") response.body = "";
  return response;

  async function answer(): Promise<DoubleResponse> {
    const fault = deps.faults.take({ method, path: target!.path, template: match?.route.template, graphqlFields: fields.names });
    if (fault?.spec.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.spec.delayMs));
    if (fault?.spec.status !== undefined) return json(fault.spec.status, faultBody(fault), { ...fault.spec.headers });
    if (parseFailed) return json(400, { message: "Problems parsing JSON", documentation_url: documentationUrl(match?.route) });
    let principal: Principal;
    try {
      principal = deps.auth.authenticate(request.headers.authorization);
    } catch (error) {
      return json(401, errorBody(error as DoubleError, match));
    }
    if (principal.kind === "installation") record.installation = principal.installationId;
    const emit = (d: Delivery) => void deliveries.push(d);
    try {
      return target!.kind === "graphql" ? await graphql(principal, emit) : rest(principal, emit);
    } catch (error) {
      if (error instanceof DoubleError) return json(error.status, errorBody(error, match));
      return json(500, { message: `GitHub double failed: ${(error as Error).stack ?? String(error)}` });
    }
  }

  async function graphql(principal: Principal, emit: (d: Delivery) => void): Promise<DoubleResponse> {
    if (principal.kind === "anonymous") {
      return json(401, { message: "This endpoint requires you to be authenticated.", documentation_url: "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql" });
    }
    if (method !== "POST") return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/graphql" });
    if (principal.kind === "app") throw new DoubleError(403, "A JSON web token cannot be used to access the GraphQL API.");
    const headers = deps.auth.count(principal, "graphql");
    const g = { store: deps.store, auth: deps.auth, principal, actor: actorOf(deps.store, principal), emit };
    return json(200, await executeGraphql(g, (body ?? {}) as Record<string, unknown>), headers);
  }

  function rest(principal: Principal, emit: (d: Delivery) => void): DoubleResponse {
    if (!match) return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
    const key = `${match.route.method} ${match.route.template}`;
    if (principal.kind === "anonymous" && !PUBLIC_ROUTES.has(key)) throw new DoubleError(401, "Requires authentication");
    // An app's JWT reaches `/app/...` and the "find the installation" routes, as on GitHub.
    const forApps = match.route.template.startsWith("/app") || match.route.template.endsWith("/installation");
    if (principal.kind === "app" && !forApps) {
      throw new DoubleError(403, "Resource not accessible by integration");
    }
    const repo = deps.store.findRepo(match.params.owner ?? "", match.params.repo ?? "");
    const onPull = Boolean(repo?.issues.get(Number(match.params.issue_number ?? match.params.pull_number))?.pull);
    requirePermission(deps.store, principal, routePermissions(match.route, onPull), !["GET", "HEAD"].includes(method));
    const errors = validateRestRequest({ method, path: target!.path, body });
    if (errors.length > 0) {
      return json(422, { message: "Invalid request.\n\n" + errors.join("\n"), errors, documentation_url: documentationUrl(match.route), status: "422" });
    }
    const handler = ROUTES[key];
    if (!handler) throw new DoubleError(501, `The GitHub double does not implement ${key}`);
    const headers = deps.auth.count(principal, "core");
    const ctx: RestCtx = {
      store: deps.store,
      auth: deps.auth,
      method,
      params: match.params,
      query: url.searchParams,
      body,
      headers: request.headers,
      principal,
      actor: actorOf(deps.store, principal),
      url,
      emit,
    };
    return toResponse(handler(ctx), headers);
  }
}

function toResponse(result: RestResult, headers: Record<string, string>): DoubleResponse {
  if (result.raw) return { status: result.status, headers: { ...headers, "content-type": result.raw.contentType, ...result.headers }, body: result.raw.text };
  if (result.status === 204) return { status: 204, headers: { ...headers, ...result.headers }, body: "" };
  return json(result.status, result.body, { ...headers, "x-github-media-type": "github.v3; format=json", ...result.headers });
}

//! Purpose: one line for an error a command could not handle: GitHub's status and message, or the network's reason.

interface Failure {
  status?: unknown;
  message?: unknown;
  cause?: unknown;
  code?: unknown;
  request?: { url?: unknown };
}

/** `GitHub answered 404 (Not Found) for GET …`, `cannot reach 127.0.0.1:9 (ECONNREFUSED)`, else the message's first line. */
export function describeFailure(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as Failure;
  const network = networkCode(e);
  const url = typeof e.request?.url === "string" ? e.request.url : undefined;
  if (network) return `cannot reach GitHub${url ? ` at ${new URL(url).host}` : ""} (${network}); check GHE_HOST and the network`;
  // A GraphQL error's message is a header ("Request failed due to following response errors:"); GitHub's reasons
  // ("Could not resolve to a Repository with the name 'acme/nope'.") are in `errors`.
  const graphql = graphqlMessages(e);
  if (graphql) return `GitHub answered: ${graphql}`;
  const first = String(e.message ?? error).split("\n")[0] ?? "";
  if (typeof e.status === "number" && e.status >= 400) return `GitHub answered ${e.status}: ${first}`;
  return first;
}

function graphqlMessages(e: Failure): string | undefined {
  const errors = (e as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  const messages = errors
    .map((inner) => (typeof inner === "object" && inner !== null ? (inner as { message?: unknown }).message : undefined))
    .filter((message): message is string => typeof message === "string" && message.length > 0);
  return messages.length ? [...new Set(messages)].join("; ") : undefined;
}

const NETWORK = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_[A-Z_]+)$/;

function networkCode(e: Failure, depth = 0): string | undefined {
  if (typeof e.code === "string" && NETWORK.test(e.code)) return e.code;
  if (depth < 4 && typeof e.cause === "object" && e.cause !== null) return networkCode(e.cause as Failure, depth + 1);
  if (Array.isArray((e as { errors?: unknown }).errors)) {
    for (const inner of (e as { errors: unknown[] }).errors) {
      const code = typeof inner === "object" && inner !== null ? networkCode(inner as Failure, depth + 1) : undefined;
      if (code) return code;
    }
  }
  return undefined;
}

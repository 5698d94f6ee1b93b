//! Purpose: the HTTP transport of the app's GitHub clients: undici's `request` API behind the small part of `fetch` Octokit uses.
// Octokit sends every request through `fetch`, and Node's fetch builds WHATWG streams, a Request and a
// Response around each one: on this app's small JSON requests that is about a third of the CPU a request
// costs (docs/benchmarks.md, "Server"). undici's `request` (the library Node's fetch is built on) does the
// same HTTP/1.1 work with keep-alive and redirects, without the streams. Octokit's fetch wrapper reads only
// `status`, `url`, `headers` (iterated, `get`), `text()`, `arrayBuffer()` and, when asked not to parse,
// `body`; that is what `transportFetch` answers with.
import { STATUS_CODES } from "node:http";
import { Agent, interceptors, request, type Dispatcher } from "undici";

/** What Octokit passes to `fetch` (see @octokit/request's fetch wrapper). */
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | null;
  signal?: AbortSignal | null;
  redirect?: "follow" | "manual" | "error";
}

interface TransportResponse {
  status: number;
  statusText: string;
  url: string;
  ok: boolean;
  headers: { get(name: string): string | null; [Symbol.iterator](): IterableIterator<[string, string]> };
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  readonly body: ReadableStream<Uint8Array>;
}

// undici's defaults, as Node's fetch has them (keep-alive, timeouts); redirects followed as fetch does, 5 at
// most (GitHub answers 301/307 for renamed or transferred repositories).
const direct = new Agent();
const following = direct.compose(interceptors.redirect({ maxRedirections: 5 }));

export async function transportFetch(url: string | URL, init: FetchInit = {}): Promise<TransportResponse> {
  const dispatcher: Dispatcher = init.redirect === "manual" || init.redirect === "error" ? direct : following;
  const answer = await request(url, {
    method: (init.method ?? "GET") as Dispatcher.HttpMethod,
    headers: init.headers ?? {},
    body: init.body ?? null,
    signal: init.signal ?? undefined,
    dispatcher,
  });
  // Read the whole body now: the connection goes back to the pool, and Octokit parses it whole anyway.
  const bytes = Buffer.from(await answer.body.arrayBuffer());
  if (init.redirect === "error" && answer.statusCode >= 300 && answer.statusCode < 400) {
    throw new TypeError(`redirect to ${String(answer.headers.location)} refused (redirect: "error")`);
  }
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return {
    status: answer.statusCode,
    statusText: STATUS_CODES[answer.statusCode] ?? "",
    url: String(url),
    ok: answer.statusCode >= 200 && answer.statusCode < 300,
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null, [Symbol.iterator]: () => headers.entries() },
    text: async () => bytes.toString("utf8"),
    json: async () => JSON.parse(bytes.toString("utf8")) as unknown,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    get body() {
      return new Blob([bytes]).stream();
    },
  };
}

interface HookableClient {
  hook: { before(name: "request", hook: (options: { request?: { fetch?: unknown } }) => void): void };
}

/**
 * Sends a client's requests through `transportFetch` (or the `fetch` given), unless a `fetch` was
 * configured on the client (tests and `simulate` give Probot the GitHub double's in-process fetch; that one must stay).
 */
export function useTransport<T extends HookableClient>(octokit: T, fetch: unknown = transportFetch): T {
  octokit.hook.before("request", (options) => {
    // A copy: without per-call options, `options.request` is the client's shared defaults object.
    if (!options.request?.fetch) options.request = { ...options.request, fetch };
  });
  return octokit;
}

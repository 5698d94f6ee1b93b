//! Purpose: serving the double over HTTP on 127.0.0.1 (REST under /api/v3, GraphQL at /api/graphql).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { DoubleRequest, DoubleResponse } from "./dispatch.js";

export interface Listening {
  /** `http://127.0.0.1:<port>`; Octokit's `baseUrl` is this plus `/api/v3`. */
  url: string;
  port: number;
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function listen(handle: (request: DoubleRequest) => Promise<DoubleResponse>, port = 0): Promise<Listening> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
        }
        const address = server.address() as AddressInfo;
        const response = await handle({
          method: req.method ?? "GET",
          url: `http://127.0.0.1:${address.port}${req.url ?? "/"}`,
          headers,
          body: await readBody(req),
        });
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      } catch (error) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: `GitHub double failed: ${String(error)}` }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

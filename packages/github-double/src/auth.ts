//! Purpose: who is calling: app JWTs, installation tokens (acting as the bot), personal tokens; rate-limit counters.
import { randomBytes } from "node:crypto";
import { DoubleError, type Store } from "./store.js";
import type { Repo } from "./types.js";

export type Principal =
  | { kind: "app" }
  | { kind: "installation"; installationId: number; login: string; token: string }
  | { kind: "user"; login: string; token: string }
  | { kind: "anonymous" };

interface TokenInfo {
  installationId?: number;
  login: string;
  /** Real-time expiry (ms): a simulated clock must not expire tokens mid-run. */
  expiresAt?: number;
}

const HOUR = 3_600_000;

export class Auth {
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly used = new Map<string, { core: number; graphql: number; reset: number }>();

  constructor(private readonly store: Store) {}

  /** Mints an installation token as `POST /app/installations/{id}/access_tokens` does. */
  installationToken(installationId: number): { token: string; expires_at: string } {
    if (!this.store.installations.has(installationId)) throw new DoubleError(404, "Not Found");
    const token = `ghs_${randomBytes(18).toString("base64url")}`;
    const expiresAt = Date.now() + HOUR;
    this.tokens.set(token, { installationId, login: this.store.botLogin, expiresAt });
    return { token, expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }

  /** Registers a personal token acting as `login`. */
  addToken(token: string, login: string): void {
    this.store.user(login);
    this.tokens.set(token, { login });
  }

  authenticate(header: string | undefined): Principal {
    if (!header) return { kind: "anonymous" };
    const found = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
    const credential = found?.[1];
    if (!credential) throw new DoubleError(401, "Bad credentials");
    if (credential.split(".").length === 3 && credential.startsWith("eyJ")) return this.jwt(credential);
    const info = this.tokens.get(credential);
    if (!info || (info.expiresAt !== undefined && info.expiresAt < Date.now())) throw new DoubleError(401, "Bad credentials");
    if (info.installationId !== undefined) {
      return { kind: "installation", installationId: info.installationId, login: info.login, token: credential };
    }
    return { kind: "user", login: info.login, token: credential };
  }

  private jwt(credential: string): Principal {
    let claims: { iss?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(Buffer.from(credential.split(".")[1] ?? "", "base64url").toString("utf8")) as typeof claims;
    } catch {
      throw new DoubleError(401, "A JSON web token could not be decoded");
    }
    if (String(claims.iss) !== String(this.store.appId)) {
      throw new DoubleError(401, "A JSON web token could not be decoded");
    }
    if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now()) {
      throw new DoubleError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
    }
    return { kind: "app" };
  }

  /** Installation tokens reach only their installation's repositories (public ones read-only). */
  checkRepoAccess(principal: Principal, repo: Repo, write: boolean): void {
    if (principal.kind !== "installation") return;
    const installation = this.store.installationFor(repo);
    if (installation?.id === principal.installationId) return;
    if (!write && !repo.private) return;
    if (write && !repo.private) throw new DoubleError(403, "Resource not accessible by integration");
    throw new DoubleError(404, "Not Found");
  }

  /** Counts a request against the caller's budget and returns GitHub's rate-limit headers. */
  count(principal: Principal, resource: "core" | "graphql", cost = 1): Record<string, string> {
    const key = principal.kind === "installation" || principal.kind === "user" ? principal.token : principal.kind;
    const now = Date.now();
    let entry = this.used.get(key);
    if (!entry || entry.reset < now) entry = { core: 0, graphql: 0, reset: now + HOUR };
    entry[resource] += cost;
    this.used.set(key, entry);
    const limit = principal.kind === "anonymous" ? 60 : 5000;
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(Math.max(0, limit - entry[resource])),
      "x-ratelimit-used": String(entry[resource]),
      "x-ratelimit-reset": String(Math.floor(entry.reset / 1000)),
      "x-ratelimit-resource": resource,
    };
  }

  usage(principal: Principal): { core: number; graphql: number; reset: number } {
    const key = principal.kind === "installation" || principal.kind === "user" ? principal.token : principal.kind;
    return this.used.get(key) ?? { core: 0, graphql: 0, reset: Date.now() + HOUR };
  }
}

/** The login a principal acts as (for webhooks' `sender`, comment authors, timeline actors). */
export function actorOf(store: Store, principal: Principal): string {
  if (principal.kind === "installation" || principal.kind === "user") return principal.login;
  return store.botLogin;
}

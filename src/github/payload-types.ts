//! Purpose: tie the zod schemas that check what a handler reads to GitHub's documented payloads (`@octokit/webhooks-types`), at compile time.
import type { z } from "zod";

/** Each member of `E` (a union of payloads, or `T | null`) against what the schema accepts there. */
type Check<E, S> = unknown extends S ? true : E extends unknown ? Member<E, S> : never;

type Member<E, S> = E extends null | undefined
  ? E extends S ? true : false
  : E extends readonly (infer Item)[]
    ? Extract<S, readonly unknown[]> extends readonly (infer Accepted)[] ? ([Extract<S, readonly unknown[]>] extends [never] ? false : Check<Item, Accepted>) : false
    : E extends object
      ? [Extract<S, object>] extends [never] ? false : Keys<E, Extract<S, object>>
      : E extends S ? true : false;

/**
 * Only the keys the schema reads. A key the payload lacks must be optional in the schema; a key the types call
 * optional (`issue.state` in `issues.labeled`) may be required by it: a payload without it is rejected as malformed.
 */
type Keys<E, S> = { [K in keyof S]-?: K extends keyof E ? Check<Exclude<E[K], undefined>, S[K]> : undefined extends S[K] ? true : false }[keyof S];

/**
 * `true` when every field the schema reads is in `Event` as GitHub documents it, with a type the schema
 * accepts: a schema that reads a field GitHub does not send, or expects another type, fails the build.
 */
export type Reads<Schema extends z.ZodType, Event> = [Check<Event, z.input<Schema>>] extends [true] ? true : false;

/** A compile-time check (the call does nothing): `documented<Reads<typeof schema, SomeEvent>>()`. */
export function documented<_Check extends true>(): void {}

//! Purpose: the one line a command prints for a failure it could not handle carries GitHub's own reason.
import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/runtime/failure.js";

describe("describeFailure", () => {
  it.each<[string, unknown, string]>([
    [
      "a GraphQL error: GitHub's messages, not the client's header",
      Object.assign(new Error("Request failed due to following response errors:\n - Could not resolve to a Repository with the name 'acme/nope'."), {
        errors: [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/nope'." }],
      }),
      "GitHub answered: Could not resolve to a Repository with the name 'acme/nope'.",
    ],
    [
      "several GraphQL errors, each once",
      Object.assign(new Error("Request failed due to following response errors:"), { errors: [{ message: "A" }, { message: "B" }, { message: "A" }] }),
      "GitHub answered: A; B",
    ],
    ["a REST error: status and message", Object.assign(new Error("Not Found - https://docs.github.com/rest"), { status: 404 }), "GitHub answered 404: Not Found - https://docs.github.com/rest"],
    ["a network error", Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } }), "cannot reach GitHub (ECONNREFUSED); check GHE_HOST and the network"],
    ["anything else: its first line", new Error("first\nsecond"), "first"],
  ])("%s", (_name, error, line) => {
    expect(describeFailure(error)).toBe(line);
  });
});

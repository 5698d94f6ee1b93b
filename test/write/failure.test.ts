//! Purpose: the one failure policy: which failed writes fail the change (and carry the status the queue retries on), which are only logged.
import { describe, expect, it } from "vitest";
import type { WriteRecord } from "../../src/github/execute.js";
import { failureOf, WriteFailed } from "../../src/write/failure.js";

const ok = (action: WriteRecord["action"], detail = ""): WriteRecord => ({ issue: 1, action, detail, result: "ok" });
const failed = (action: WriteRecord["action"], status?: number, retryAfter?: string): WriteRecord => ({ issue: 1, action, detail: "x", result: "failed", error: "boom", ...(status && { status }), ...(retryAfter && { retryAfter }) });

describe("failureOf", () => {
  it.each<[string, WriteRecord[], boolean]>([
    ["everything written", [ok("add-labels"), ok("comment")], false],
    ["nothing written", [], false],
    ["a label write failed", [ok("comment"), failed("add-labels", 502)], true],
    ["a comment failed", [failed("comment")], true],
    ["closing failed", [failed("close")], true],
    ["a label GitHub had to create failed", [failed("create-label")], true],
    ["only the board's Status failed: the labels are the truth", [ok("add-labels"), failed("board-status")], false],
    ["only a new card failed", [failed("board-add")], false],
    ["only the Slack post failed", [ok("add-labels"), failed("notify")], false],
    ["only the status comment failed: a retry would write nothing, the sweep repairs it", [ok("add-labels"), failed("status-comment")], false],
    ["a skipped assignee (no such user) is not a failure", [{ issue: 1, action: "add-assignees", detail: "ghost", result: "skipped" }], false],
    ["dry run", [{ issue: 1, action: "add-labels", detail: "x", result: "dry-run" }], false],
  ])("%s", (_name, records, fails) => {
    const failure = failureOf(records);
    expect(failure !== null).toBe(fails);
    if (failure) expect(failure.records).toEqual(records);
  });

  it("carries the worst failure's status and retry-after, so the queue retries a 5xx or a rate limit and waits as asked", () => {
    const failure = failureOf([failed("add-labels", 422), failed("comment", 503, "7"), failed("close")]);
    expect(failure).toBeInstanceOf(WriteFailed);
    expect(failure).toMatchObject({ status: 503, retryAfter: "7" });
    expect(failure?.message).toBe("3 of 3 writes failed: add-labels x: boom; comment x: boom; close x: boom");
  });
});

//! Purpose: a setting that is set but no longer read gets one warning naming what took its place, not silence.
import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/runtime/settings.js";

describe("retired settings", () => {
  it.each([
    [{}, []],
    [{ QUEUE_SHARDS: "" }, []],
    [{ QUEUE_SHARDS: "64" }, ["QUEUE_SHARDS is no longer read: QUEUE_LANES took its place (installations' lanes one replica runs at once, default 64: docs/replicas.md)"]],
    [{ QUEUE_SHARDS: "64", QUEUE_LANES: "8" }, ["QUEUE_SHARDS is no longer read: QUEUE_LANES took its place (installations' lanes one replica runs at once, default 64: docs/replicas.md)"]],
  ])("%j warns %j", (env, warnings) => {
    expect(readSettings(env).retired).toEqual(warnings);
  });
});

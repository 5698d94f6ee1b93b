//! Purpose: the example workflow and action.yml agree with what the action handles, with the least permissions and a per-issue concurrency group.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { workFor } from "../../src/action/work.js";

interface Workflow {
  on: Record<string, { types?: string[]; inputs?: Record<string, unknown> } | Array<{ cron: string }> | null>;
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> }>;
}

const workflow = parse(readFileSync("examples/workflows/bug-lifecycle.yml", "utf8")) as Workflow;
const action = parse(readFileSync("action.yml", "utf8")) as { inputs: Record<string, { default?: string }>; runs: { using: string; main: string } };

describe("examples/workflows/bug-lifecycle.yml", () => {
  it("asks for the least permissions: no contents write, no actions, no id-token", () => {
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write", "pull-requests": "write", checks: "write" });
  });

  it("every event type it triggers on reaches a handler or the sweep", () => {
    const ignored: string[] = [];
    for (const [event, trigger] of Object.entries(workflow.on)) {
      const types = !Array.isArray(trigger) && trigger?.types ? trigger.types : [undefined];
      for (const type of types) {
        const work = workFor(event, type ? { action: type } : {}, "x");
        if (work.kind === "ignored") ignored.push(`${event}.${type}`);
        else expect(work.kind, `${event}.${type}`).toBe(event === "schedule" || event === "workflow_dispatch" ? "sweep" : "delivery");
      }
    }
    // A trigger with no route in src/runtime/route.ts would start a job that only says it has nothing to do.
    expect(ignored).toEqual([]);
  });

  it("uses pull_request_target without checking out anything", () => {
    expect(workflow.on.pull_request_target).toBeTruthy();
    expect(workflow.on.pull_request).toBeUndefined();
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.filter((step) => step.uses?.startsWith("actions/checkout") || step.run)).toEqual([]);
    expect(steps.some((step) => step.uses === "OWNER/bug-lifecycle@v1")).toBe(true);
  });

  it("serialises per issue or PR and never cancels a running job", () => {
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
    expect(workflow.concurrency.group).toContain("github.event.issue.number");
    expect(workflow.concurrency.group).toContain("github.event.pull_request.number");
  });

  it("passes only inputs action.yml declares", () => {
    const passed = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => Object.keys(step.with ?? {})));
    for (const name of passed) expect(Object.keys(action.inputs)).toContain(name);
    expect(action.inputs["github-token"]?.default).toBe("${{ github.token }}");
    expect(action.runs).toEqual({ using: "node24", main: "dist/action.mjs" });
  });
});

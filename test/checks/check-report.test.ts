//! Purpose: the check run's verdict and words, decided from problems alone, and accepted by GitHub's API description.
import { describe, expect, it } from "vitest";
import type { Problem } from "../../src/config/problem.js";
import { chunk, conclusionOf, reportDeleted, reportProblems } from "../../src/checks/check-report.js";
import { validateRestRequest } from "../support/openapi.js";

const SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const error: Problem = { severity: "error", message: "labels.bug: expected string", path: ["labels", "bug"], line: 2, column: 8 };
const warning: Problem = { severity: "warning", message: 'label "bug" is spelled "Bug"', path: ["labels", "bug"], line: 2, column: 8 };

describe("conclusionOf", () => {
  it.each([
    ["no problems", [], "success"],
    ["warnings only", [warning, warning], "neutral"],
    ["any error", [warning, error], "failure"],
  ] as const)("%s → %s", (_name, problems, expected) => {
    expect(conclusionOf(problems)).toBe(expected);
  });
});

describe("reportProblems", () => {
  it("titles, summarizes and annotates each problem", () => {
    const report = reportProblems([error, warning], SHA, ["A note."]);
    expect(report.title).toBe("1 error, 1 warning");
    expect(report.summary).toContain("at ec26c3e: The config is invalid");
    expect(report.summary).toContain("- line 2, column 8: **error** labels.bug: expected string");
    expect(report.summary).toMatch(/A note\.$/);
    expect(report.annotations).toEqual([
      {
        path: ".github/bug-lifecycle.yml",
        start_line: 2,
        end_line: 2,
        start_column: 8,
        end_column: 8,
        annotation_level: "failure",
        message: "labels.bug: expected string",
      },
      expect.objectContaining({ annotation_level: "warning" }),
    ]);
  });

  it("keeps the summary short when there are very many problems", () => {
    const report = reportProblems(Array(500).fill(warning) as Problem[], SHA);
    expect(report.summary).toContain("… and 400 more (see the annotations)");
    expect(report.annotations).toHaveLength(500);
  });

  it.each([
    ["valid", reportProblems([], SHA)],
    ["with warnings", reportProblems([warning], SHA)],
    ["invalid", reportProblems([error], SHA)],
    ["deleted", reportDeleted(SHA)],
  ])("makes a check run GitHub accepts when %s", (_name, report) => {
    const body = {
      name: "bug-lifecycle config",
      head_sha: SHA,
      status: "completed",
      conclusion: report.conclusion,
      output: { title: report.title, summary: report.summary, annotations: report.annotations },
    };
    expect(validateRestRequest({ method: "POST", path: "/repos/{owner}/{repo}/check-runs", body })).toEqual([]);
  });
});

describe("chunk", () => {
  it.each([
    [0, []],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]],
  ])("splits %i annotations into requests of %j", (count, sizes) => {
    expect(chunk(Array(count).fill(0), 50).map((part) => part.length)).toEqual(sizes);
  });
});

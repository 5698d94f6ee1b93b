//! Purpose: reading `projects_v2_item.edited` as GitHub sends it (its example, today's payload with from/to) and the card's read.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { CARD_CONTENT, parseCardEdit } from "../../src/board/card-move.js";
import { validateGraphql } from "@bug-lifecycle/github-double";

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as Array<{ name: string; examples: Array<Record<string, any>> }>;
const real = examples.find((e) => e.name === "projects_v2_item")!.examples.find((e) => e.action === "edited")!;

describe("projects_v2_item.edited", () => {
  it("reads GitHub's example (a draft issue's single-select field, without from/to)", () => {
    const parsed = parseCardEdit(real);
    expect(parsed).toEqual({
      ok: true,
      edit: {
        itemId: "PVTI_lADOAWcTxs07G84AVqWu",
        projectId: "PVT_kwDOAWcTxs07Gw",
        contentId: "DI_lADOAWcTxs07G84AIjOy",
        contentType: "DraftIssue",
        fieldId: "PVTF_lADOAWcTxs07G84AAali",
        fieldType: "single_select",
        to: undefined,
        at: "2022-06-08T20:34:26Z",
        sender: expect.objectContaining({ login: "wolfy1339", type: "User" }),
      },
    });
  });

  it("reads the option moved to, and a cleared field as null", () => {
    const to = { id: "98236657", name: "Done", color: "PURPLE", description: "" };
    const moved = { ...real, changes: { field_value: { ...real.changes.field_value, field_name: "Status", project_number: 7, from: null, to } } };
    expect(parseCardEdit(moved)).toMatchObject({ ok: true, edit: { to: "Done" } });
    const cleared = { ...real, changes: { field_value: { ...real.changes.field_value, from: to, to: null } } };
    expect(parseCardEdit(cleared)).toMatchObject({ ok: true, edit: { to: null } });
  });

  it("a draft issue's body edit changes no field: nothing to do, not malformed", () => {
    expect(parseCardEdit({ ...real, changes: { body: { from: "a", to: "b" } } })).toEqual({ ok: true, edit: null });
  });

  it("refuses a payload missing what it needs, saying where", () => {
    const { projects_v2_item: item, ...rest } = real;
    const parsed = parseCardEdit({ ...rest, projects_v2_item: { ...item, content_node_id: undefined } });
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining("projects_v2_item.content_node_id") });
  });

  it("reads the card's content and values with a document GitHub's schema accepts", () => {
    expect(validateGraphql(CARD_CONTENT, { content: "I_1", item: "PVTI_1" })).toEqual([]);
  });
});

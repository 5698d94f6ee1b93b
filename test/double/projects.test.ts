//! Purpose: the double's Projects (v2) run on GitHub's schema: the board query, items, both mutations, permissions and the webhook.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { validateGraphql } from "@bug-lifecycle/github-double";
import { validateAgainst, webhookSchema } from "@bug-lifecycle/github-double";
import { REPO, botClient, seeded } from "./fixture.js";

const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];

function withBoard(double = seeded()) {
  double.addUser("acme", "Organization");
  double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  return double;
}

const BOARD = `query Board($org: String!, $number: Int!, $field: String!) {
  organization(login: $org) {
    projectV2(number: $number) {
      id url
      field(name: $field) { __typename ... on ProjectV2SingleSelectField { id name options { id name } } }
      items(first: 100) { totalCount pageInfo { hasNextPage endCursor }
        nodes { id updatedAt content { __typename ... on Issue { number } }
          fieldValueByName(name: $field) { ... on ProjectV2ItemFieldSingleSelectValue { name optionId } } } }
    }
  }
}`;

const ADD = `mutation Add($project: ID!, $content: ID!) { addProjectV2ItemById(input: { projectId: $project, contentId: $content }) { item { id } } }`;
const SET = `mutation Set($project: ID!, $item: ID!, $field: ID!, $option: String!) {
  updateProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field, value: { singleSelectOptionId: $option } }) {
    projectV2Item { id fieldValueByName(name: "Status") { ... on ProjectV2ItemFieldSingleSelectValue { name } } }
  }
}`;

describe("Projects (v2) in the double's GraphQL", () => {
  it("are documents GitHub's schema accepts", () => {
    expect(validateGraphql(BOARD, { org: "acme", number: 7, field: "Status" })).toEqual([]);
    expect(validateGraphql(ADD, { project: "x", content: "y" })).toEqual([]);
    expect(validateGraphql(SET, { project: "x", item: "y", field: "z", option: "o" })).toEqual([]);
  });

  it("adds an issue, sets its Status, reads it from the board and from Issue.projectItems", async () => {
    const double = withBoard();
    const octokit = botClient(double);
    const board = await octokit.graphql<any>(BOARD, { org: "acme", number: 7, field: "Status" });
    const project = board.organization.projectV2;
    expect(project.url).toBe("https://github.com/orgs/acme/projects/7");
    expect(project.field.__typename).toBe("ProjectV2SingleSelectField");
    expect(project.field.options.map((o: { name: string }) => o.name)).toEqual(STATUS);
    expect(project.items.totalCount).toBe(0);

    const issueId = double.issue(REPO, 1).nodeId;
    const added = await octokit.graphql<any>(ADD, { project: project.id, content: issueId });
    const again = await octokit.graphql<any>(ADD, { project: project.id, content: issueId });
    expect(again.addProjectV2ItemById.item.id).toBe(added.addProjectV2ItemById.item.id);
    const inbox = project.field.options.find((o: { name: string }) => o.name === "Inbox").id;
    expect(double.webhooks.filter((d) => d.name === "projects_v2_item").map((d) => d.payload.action)).toEqual(["created"]);
    double.resetRecords();
    const set = await octokit.graphql<any>(SET, { project: project.id, item: added.addProjectV2ItemById.item.id, field: project.field.id, option: inbox });
    expect(set.updateProjectV2ItemFieldValue.projectV2Item.fieldValueByName).toEqual({ name: "Inbox" });
    expect(double.board("acme", 7)).toEqual(new Map([[`${REPO}#1`, "Inbox"]]));

    const edited = double.webhooks.filter((d) => d.name === "projects_v2_item");
    expect(edited.map((d) => d.payload.action)).toEqual(["edited"]);
    expect(edited[0]!.payload).toMatchObject({
      changes: { field_value: { field_type: "single_select", field_node_id: project.field.id, from: null, to: { id: inbox, name: "Inbox" } } },
      projects_v2_item: { content_node_id: issueId, project_node_id: project.id, content_type: "Issue" },
      sender: { login: "bug-lifecycle[bot]", type: "Bot" },
      organization: { login: "acme" },
    });

    const items = await octokit.graphql<any>(
      `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issue(number: 1) {
        projectItems(first: 10) { nodes { id project { id number } fieldValueByName(name: "Status") { ... on ProjectV2ItemFieldSingleSelectValue { name optionId } } } } } } }`,
      { owner: "acme", name: "app" },
    );
    expect(items.repository.issue.projectItems.nodes).toEqual([
      { id: added.addProjectV2ItemById.item.id, project: { id: project.id, number: 7 }, fieldValueByName: { name: "Inbox", optionId: inbox } },
    ]);
  });

  it("refuses an option of another field, and an option deleted since it was read", async () => {
    const double = withBoard();
    double.addCard("acme", 7, REPO, 1, "maint", "Inbox");
    const octokit = botClient(double);
    const project = (await octokit.graphql<any>(BOARD, { org: "acme", number: 7, field: "Status" })).organization.projectV2;
    const item = project.items.nodes[0].id;
    const done = project.field.options.find((o: { name: string }) => o.name === "Done").id;
    (await import("@bug-lifecycle/github-double")).deleteOption(double.project("acme", 7), "Status", "Done");
    await expect(octokit.graphql(SET, { project: project.id, item, field: project.field.id, option: done })).rejects.toThrow(
      "The single select option Id does not belong to the field",
    );
    expect(double.board("acme", 7).get(`${REPO}#1`)).toBe("Inbox");
  });

  it("needs organization_projects: read to read and write to write", async () => {
    const readOnly = withBoard(new GitHubDouble({ appId: 42, permissions: { issues: "write", organization_projects: "read" } }));
    readOnly.addRepo(REPO);
    readOnly.addIssue(REPO, { title: "x" });
    const octokit = botClient(readOnly);
    const project = (await octokit.graphql<any>(BOARD, { org: "acme", number: 7, field: "Status" })).organization.projectV2;
    await expect(octokit.graphql(ADD, { project: project.id, content: readOnly.issue(REPO, 1).nodeId })).rejects.toThrow("Resource not accessible by integration");
    const none = withBoard(new GitHubDouble({ appId: 42, permissions: { issues: "write" } }));
    none.addRepo(REPO);
    await expect(botClient(none).graphql(BOARD, { org: "acme", number: 7, field: "Status" })).rejects.toThrow("Resource not accessible by integration");
  });

  it("sends a person's card move as projects_v2_item.edited, with the keys of GitHub's example", () => {
    const double = withBoard();
    double.addCard("acme", 7, REPO, 1, "maint", "Inbox");
    const [delivery, ...rest] = double.moveCard("acme", 7, REPO, 1, "Reproduced", "maint");
    expect(rest).toEqual([]);
    expect(double.moveCard("acme", 7, REPO, 1, "Reproduced", "maint")).toEqual([]);
    const all = createRequire(import.meta.url)("@octokit/webhooks-examples") as Array<{ name: string; examples: Array<Record<string, any>> }>;
    const real = all.find((e) => e.name === "projects_v2_item")!.examples.find((e) => e.action === "edited")!;
    const ours = delivery!.payload as Record<string, any>;
    for (const key of Object.keys(real)) expect(ours).toHaveProperty(key);
    for (const key of Object.keys(real.projects_v2_item)) expect(ours.projects_v2_item).toHaveProperty(key);
    expect(ours.changes.field_value).toMatchObject({ from: { name: "Inbox" }, to: { name: "Reproduced" }, field_name: "Status", project_number: 7 });
    expect(ours.sender.login).toBe("maint");
  });

  it("sends projects_v2_item.edited as GitHub's OpenAPI description defines it, for a person's move and the bot's write", async () => {
    const double = withBoard();
    double.addCard("acme", 7, REPO, 1, "maint", "Inbox");
    const schema = webhookSchema("webhook-projects-v2-item-edited");
    expect(schema).toBeDefined();
    const [person] = double.moveCard("acme", 7, REPO, 1, "Done", "maint");
    expect(validateAgainst(person!.payload, schema!, "payload")).toEqual([]);
    double.resetRecords();
    const octokit = botClient(double);
    const project = (await octokit.graphql<any>(BOARD, { org: "acme", number: 7, field: "Status" })).organization.projectV2;
    const inbox = project.field.options.find((o: { name: string }) => o.name === "Inbox").id;
    await octokit.graphql(SET, { project: project.id, item: project.items.nodes[0].id, field: project.field.id, option: inbox });
    const bot = double.webhooks.find((d) => d.name === "projects_v2_item")!;
    expect(bot.payload.sender).toMatchObject({ type: "Bot" });
    expect(validateAgainst(bot.payload, schema!, "payload")).toEqual([]);
    expect(validateAgainst({ ...bot.payload, organization: { login: "acme" } }, schema!, "payload")).not.toEqual([]);
  });

  it("resolves a project item's node id (node(id:)), as the board → labels handler reads it", async () => {
    const double = withBoard();
    double.addCard("acme", 7, REPO, 1, "maint", "Inbox");
    const item = double.project("acme", 7).items[0]!.nodeId;
    const query = `query($id: ID!) { node(id: $id) { __typename ... on ProjectV2Item { fieldValueByName(name: "Status") { ... on ProjectV2ItemFieldSingleSelectValue { name } } } } }`;
    expect(validateGraphql(query, { id: item })).toEqual([]);
    const data = await botClient(double).graphql<any>(query, { id: item });
    expect(data.node).toEqual({ __typename: "ProjectV2Item", fieldValueByName: { name: "Inbox" } });
  });
});

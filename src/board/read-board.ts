//! Purpose: read the bugs board once (project, field, option ids by name) and a bug's card, through GraphQL.
import type { BoardConfig } from "../lifecycle/board/config.js";
import { parseProjectUrl } from "../lifecycle/board/config.js";
import type { TtlCache } from "../github/ttl-cache.js";
import type { Octokit } from "../runtime/clients.js";

export interface Board {
  projectId: string;
  fieldId: string;
  /** Option name → id, as the field has them now. */
  options: Map<string, string>;
}

export interface BoardItem {
  itemId: string;
  /** The option the card shows (null: none), as last read or written by the bot. */
  option: string | null;
}

/** A problem a person must fix on the board or in the config: logged, and shown by `/why` and the check run. */
export class BoardProblem extends Error {
  /** The `board` key to fix (or whose target to fix on GitHub). */
  constructor(message: string, readonly key: "project" | "field") {
    super(message);
  }
}

const BOARD = `query BugsBoard($org: String!, $number: Int!, $field: String!) {
  organization(login: $org) {
    projectV2(number: $number) {
      id
      field(name: $field) { __typename ... on ProjectV2SingleSelectField { id options { id name } } }
    }
  }
}`;

/** The board, cached by project and field; `refresh` reads again (an option renamed or deleted since). */
export async function readBoard(octokit: Octokit, board: BoardConfig, cache: TtlCache<string, Board>, refresh = false): Promise<Board> {
  const key = `${board.project} ${board.field}`;
  const cached = refresh ? undefined : cache.get(key);
  if (cached) return cached;
  const ref = parseProjectUrl(board.project);
  if (!ref) throw new BoardProblem(`board.project is not an organisation project URL: ${board.project}`, "project");
  type Data = { organization: { projectV2: { id: string; field: { __typename: string; id?: string; options?: { id: string; name: string }[] } | null } | null } | null };
  let data: Data;
  try {
    data = await octokit.graphql<Data>(BOARD, { org: ref.org, number: ref.number, field: board.field });
  } catch (error) {
    // GitHub answers a missing organisation or project, and a missing permission, with typed errors.
    const types = ((error as { errors?: { type?: string }[] }).errors ?? []).map((e) => e.type);
    if (types.includes("FORBIDDEN")) throw new BoardProblem(`the app cannot read project ${board.project}: grant it Organization projects (read and write)`, "project");
    if (types.length && types.every((type) => type === "NOT_FOUND")) throw new BoardProblem(`project ${board.project} was not found`, "project");
    throw error;
  }
  const project = data.organization?.projectV2;
  if (!project) throw new BoardProblem(`project ${board.project} was not found`, "project");
  const field = project.field;
  if (!field || field.__typename !== "ProjectV2SingleSelectField" || !field.id) {
    throw new BoardProblem(`project ${board.project} has no single-select field "${board.field}"`, "field");
  }
  const found: Board = { projectId: project.id, fieldId: field.id, options: new Map((field.options ?? []).map((o) => [o.name, o.id])) };
  cache.set(key, found);
  return found;
}

/** The option id of `column`, compared case-insensitively like the core's `stateOfColumn`. */
export function optionId(board: Board, column: string): string | undefined {
  const wanted = column.trim().toLowerCase();
  for (const [name, id] of board.options) if (name.trim().toLowerCase() === wanted) return id;
  return undefined;
}

const ITEM = `query BugCard($id: ID!, $field: String!) {
  node(id: $id) {
    ... on Issue {
      projectItems(first: 50) {
        nodes { id project { id } fieldValueByName(name: $field) { ... on ProjectV2ItemFieldSingleSelectValue { name } } }
      }
    }
  }
}`;

/** The bug's card on the board, or null when it is not on it (one read, then cached by the caller). */
export async function readCard(octokit: Octokit, issueNodeId: string, board: Board, field: string): Promise<BoardItem | null> {
  const data = await octokit.graphql<{
    node: { projectItems?: { nodes: { id: string; project: { id: string }; fieldValueByName: { name?: string } | null }[] } } | null;
  }>(ITEM, { id: issueNodeId, field });
  const item = data.node?.projectItems?.nodes.find((node) => node.project.id === board.projectId);
  return item ? { itemId: item.id, option: item.fieldValueByName?.name ?? null } : null;
}

/** Adds the bug to the board: its own write, since GitHub cannot add an item and set its field in one call. */
export async function addCard(octokit: Octokit, issueNodeId: string, board: Board): Promise<string> {
  const data = await octokit.graphql<{ addProjectV2ItemById: { item: { id: string } } }>(
    `mutation AddBugCard($project: ID!, $content: ID!) { addProjectV2ItemById(input: { projectId: $project, contentId: $content }) { item { id } } }`,
    { project: board.projectId, content: issueNodeId },
  );
  return data.addProjectV2ItemById.item.id;
}

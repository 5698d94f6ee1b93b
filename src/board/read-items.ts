//! Purpose: the sweep's read of the bugs board: every card with its column, when it moved and who set it, 100 per request.
import type { BoardConfig } from "../lifecycle/board/config.js";
import { parseProjectUrl } from "../lifecycle/board/config.js";
import type { CardFacts } from "../lifecycle/board/drift.js";
import { isOwnAuthor } from "../github/own-author.js";
import type { Octokit } from "../runtime/clients.js";
import { BoardProblem, type Board } from "./read-board.js";

/** A bug's card as the sweep needs it: its item id (to write its Status) and the facts the drift rule weighs. */
export interface Card extends CardFacts {
  itemId: string;
  /** What the board read shows of the issue (the re-check's card has none): closed bugs are not in the sweep's bug pages. */
  issue?: { number: number; repo: string; closed: boolean; labels: string[] };
}

export interface BoardRead {
  board: Board;
  /** Issue node id → its card (pull requests and draft issues are not bugs: left out). */
  cards: Map<string, Card>;
  /** GraphQL requests spent: ⌈items / 100⌉, at least one. */
  pages: number;
}

export const VALUE_FIELDS = `fieldValueByName(name: $field) {
          __typename
          ... on ProjectV2ItemFieldSingleSelectValue { name createdAt updatedAt creator { login __typename } }
        }`;

/** The project and its field come with every page (a few bytes), so the first page needs no other query. */
export const BOARD_ITEMS = `query BugsBoardItems($org: String!, $number: Int!, $field: String!, $after: String) {
  organization(login: $org) {
    projectV2(number: $number) {
      id
      field(name: $field) { __typename ... on ProjectV2SingleSelectField { id options { id name } } }
      items(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id isArchived
          content { __typename ... on Issue { id number closed repository { nameWithOwner } labels(first: 50) { nodes { name } } } }
          ${VALUE_FIELDS}
        }
      }
    }
  }
}`;

export interface ValueNode {
  __typename?: string;
  name?: string | null;
  createdAt?: string;
  updatedAt?: string;
  creator?: { login: string; __typename?: string } | null;
}

interface ItemNode {
  id: string;
  isArchived: boolean;
  content: {
    __typename: string;
    id?: string;
    number?: number;
    closed?: boolean;
    repository?: { nameWithOwner: string };
    labels?: { nodes: ({ name: string } | null)[] } | null;
  } | null;
  fieldValueByName: ValueNode | null;
}

interface Data {
  organization: {
    projectV2: {
      id: string;
      field: { __typename: string; id?: string; options?: { id: string; name: string }[] } | null;
      items: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (ItemNode | null)[] };
    } | null;
  } | null;
}

/** The card facts of one item's value; `self` is a personal token's login (its moves are the bot's). */
export function cardOf(itemId: string, archived: boolean, value: ValueNode | null, self?: string): Card {
  const single = value?.__typename === "ProjectV2ItemFieldSingleSelectValue" && typeof value.name === "string" ? value : null;
  const creator = single?.creator ? { login: single.creator.login, isBot: isOwnAuthor(single.creator, self) } : null;
  return {
    itemId,
    option: single?.name ?? null,
    valueCreatedAt: single?.createdAt ?? null,
    valueUpdatedAt: single?.updatedAt ?? null,
    creator,
    archived,
  };
}

/** Every card of the board, page by page; a missing project or field is a `BoardProblem` (reported, never a crash). */
export async function readBoardItems(octokit: Octokit, config: BoardConfig, self?: string): Promise<BoardRead> {
  const ref = parseProjectUrl(config.project);
  if (!ref) throw new BoardProblem(`board.project is not an organisation project URL: ${config.project}`, "project");
  const cards = new Map<string, Card>();
  let board: Board | null = null;
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data: Data = await octokit.graphql<Data>(BOARD_ITEMS, { org: ref.org, number: ref.number, field: config.field, after });
    pages++;
    const project = data.organization?.projectV2;
    if (!project) throw new BoardProblem(`project ${config.project} was not found`, "project");
    const field = project.field;
    if (!field || field.__typename !== "ProjectV2SingleSelectField" || !field.id) {
      throw new BoardProblem(`project ${config.project} has no single-select field "${config.field}"`, "field");
    }
    board ??= { projectId: project.id, fieldId: field.id, options: new Map((field.options ?? []).map((o) => [o.name, o.id])) };
    for (const node of project.items.nodes) {
      if (node?.content?.__typename !== "Issue" || !node.content.id) continue;
      const card = cardOf(node.id, node.isArchived, node.fieldValueByName, self);
      const content = node.content;
      if (content.number !== undefined && content.repository) {
        const labels = (content.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : []));
        card.issue = { number: content.number, repo: content.repository.nameWithOwner, closed: Boolean(content.closed), labels };
      }
      cards.set(content.id!, card);
    }
    if (!project.items.pageInfo.hasNextPage || !project.items.pageInfo.endCursor) break;
    after = project.items.pageInfo.endCursor;
  }
  return { board, cards, pages };
}

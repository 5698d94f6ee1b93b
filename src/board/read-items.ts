//! Purpose: the sweep's reads of the bugs board: every card with its column, when it moved and who set it (100 per request, once per run), and one due item with its card.
import type { BoardConfig } from "../lifecycle/board/config.js";
import { parseProjectUrl } from "../lifecycle/board/config.js";
import type { CardFacts } from "../lifecycle/board/drift.js";
import { isOwnAuthor } from "../github/own-author.js";
import type { Logger } from "probot";
import { toTrackedItem, type CardValueNode, type ItemNode as TrackedNode, type ReadOptions } from "../github/bulk-read.js";
import { SWEEP_ITEM } from "../github/bulk-queries.js";
import type { IdBook } from "../github/ids.js";
import type { TrackedItem } from "../lifecycle/repo-snapshot.js";
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

export type ValueNode = CardValueNode;

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

/** A run's board reads by project and field, shared by the run's repositories. */
export type BoardReads = Map<string, Promise<BoardRead>>;

export interface SweepBoard {
  /** Null when the board could not be read (a problem was logged): the sweep then leaves every card alone. */
  read: BoardRead | null;
  problem?: string;
}

/** Reads the board at most once per run; a failure is logged and leaves the board alone for this repository. */
export async function readBoardForSweep(octokit: Octokit, config: BoardConfig, reads: BoardReads, self: string | undefined, log: Logger, repo: string): Promise<SweepBoard> {
  const key = `${config.project} ${config.field}`;
  let pending = reads.get(key);
  if (!pending) {
    pending = readBoardItems(octokit, config, self);
    reads.set(key, pending);
  }
  try {
    const read = await pending;
    log.debug({ repo, board: config.project, cards: read.cards.size, pages: read.pages }, "sweep: board read");
    return { read };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem = message.includes(config.project) ? message : `${config.project}: ${message}`;
    log.warn({ repo, board: config.project, problem }, "board problem: the sweep leaves the board alone");
    return { read: null, problem };
  }
}

/**
 * The re-check of a bug on the board: the item fresh and its card on `projectId` (null: not on the board), in
 * the same one request, so a card a person moved since the board read is seen before the bot writes.
 */
export async function readItemWithCard(
  octokit: Octokit,
  nodeId: string,
  ids: IdBook,
  options: ReadOptions,
  board: { projectId: string; field: string },
): Promise<{ item: TrackedItem; card: Card | null } | null> {
  const data: { node: TrackedNode | null } = await octokit.graphql(SWEEP_ITEM, { id: nodeId, withCards: true, field: board.field });
  const node = data.node;
  if (!node || (node.__typename !== "Issue" && node.__typename !== "PullRequest")) return null;
  const item = toTrackedItem(node, node.__typename === "PullRequest", ids, options);
  const found = node.cards?.nodes.find((card) => card?.project.id === board.projectId);
  return { item, card: found ? cardOf(found.id, found.isArchived, found.fieldValueByName, options.self) : null };
}

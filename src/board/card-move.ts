//! Purpose: board → labels, the GitHub side: a `projects_v2_item.edited` payload, validated, and the issue its card stands for.
import type { ProjectsV2ItemEditedEvent } from "@octokit/webhooks-types";
import { z } from "zod";
import type { Octokit } from "../runtime/clients.js";

const option = z.object({ id: z.string(), name: z.string() }).passthrough();

/**
 * GitHub's `projects_v2_item.edited` (an organisation event: no `repository`). `changes.field_value.from/to`
 * are newer than `@octokit/webhooks-types`' description and absent on other field types, so they are optional.
 */
export const cardEditedPayload = z.object({
  action: z.literal("edited"),
  // A draft issue's body edit has `changes.body` instead: a valid payload, about no field.
  changes: z
    .object({
      field_value: z
        .object({
          field_node_id: z.string(),
          field_type: z.string(),
          from: option.nullish(),
          to: option.nullish(),
        })
        .optional(),
    })
    .optional(),
  projects_v2_item: z.object({
    node_id: z.string(),
    project_node_id: z.string(),
    content_node_id: z.string(),
    content_type: z.enum(["DraftIssue", "Issue", "PullRequest"]),
    updated_at: z.string(),
  }),
  sender: z.object({ login: z.string(), type: z.string().optional() }),
  installation: z.object({ id: z.number() }).optional(),
});

/** Checked when compiling: every payload `@octokit/webhooks-types` describes has the shape this schema reads. */
type Accepts<T extends z.input<typeof cardEditedPayload>> = T;
export type CardEditedEvent = Accepts<ProjectsV2ItemEditedEvent>;

export interface CardEdit {
  itemId: string;
  projectId: string;
  contentId: string;
  contentType: "DraftIssue" | "Issue" | "PullRequest";
  fieldId: string;
  fieldType: string;
  /** The option the payload says the card moved to (null: cleared; undefined: the payload does not say). */
  to: string | null | undefined;
  /** The item's `updated_at`: identifies the move. */
  at: string;
  sender: { login: string; type?: string | undefined };
}

/** `edit: null`: a valid edit that changed no field (a draft's body). */
export type ParsedCardEdit = { ok: true; edit: CardEdit | null } | { ok: false; reason: string };

export function parseCardEdit(payload: unknown): ParsedCardEdit {
  const parsed = cardEditedPayload.safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`);
    return { ok: false, reason: `malformed projects_v2_item.edited payload (${where.join("; ")})` };
  }
  const { changes, projects_v2_item: item, sender } = parsed.data;
  const field = changes?.field_value;
  if (!field) return { ok: true, edit: null };
  const to = field.to;
  return {
    ok: true,
    edit: {
      itemId: item.node_id,
      projectId: item.project_node_id,
      contentId: item.content_node_id,
      contentType: item.content_type,
      fieldId: field.field_node_id,
      fieldType: field.field_type,
      to: to === undefined ? undefined : (to?.name ?? null),
      at: item.updated_at,
      sender,
    },
  };
}

/** The issue behind a card and the card's single-select values now, in one read. */
export const CARD_CONTENT = `query BoardCard($content: ID!, $item: ID!) {
  content: node(id: $content) {
    __typename
    ... on Issue { id number repository { id name owner { login } } }
  }
  item: node(id: $item) {
    ... on ProjectV2Item {
      fieldValues(first: 50) {
        nodes { ... on ProjectV2ItemFieldSingleSelectValue { name field { ... on ProjectV2SingleSelectField { id } } } }
      }
    }
  }
}`;

export interface CardContent {
  repo: { owner: string; name: string; nodeId: string };
  number: number;
  issueId: string;
  /** Single-select field id → the option the card shows now. */
  values: Map<string, string>;
}

interface CardData {
  content: { __typename: string; id?: string; number?: number; repository?: { id: string; name: string; owner: { login: string } } } | null;
  item: { fieldValues?: { nodes: ({ name?: string; field?: { id?: string } } | null)[] } } | null;
}

/**
 * Null when the content is not an issue this installation can read (a draft, a pull request, a repository
 * the app is not installed on): such a card is not ours to follow.
 */
export async function readCardContent(octokit: Octokit, edit: CardEdit): Promise<CardContent | null> {
  let data: CardData;
  try {
    data = await octokit.graphql<CardData>(CARD_CONTENT, { content: edit.contentId, item: edit.itemId });
  } catch (error) {
    const partial = error as { data?: CardData; errors?: { type?: string }[] };
    // GitHub answers a node the token cannot see with NOT_FOUND (or FORBIDDEN) and `null` data for it.
    if (!partial.errors?.every((e) => e.type === "NOT_FOUND" || e.type === "FORBIDDEN")) throw error;
    if (!partial.data) return null;
    data = partial.data;
  }
  const content = data.content;
  if (content?.__typename !== "Issue" || !content.repository || content.number === undefined || !content.id) return null;
  const values = new Map<string, string>();
  for (const node of data.item?.fieldValues?.nodes ?? []) if (node?.field?.id && node.name !== undefined) values.set(node.field.id, node.name);
  const { repository } = content;
  return { repo: { owner: repository.owner.login, name: repository.name, nodeId: repository.id }, number: content.number, issueId: content.id, values };
}

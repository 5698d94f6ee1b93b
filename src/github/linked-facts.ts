//! Purpose: acts on pull requests linked to a bug (closing references; cross-references from a PR its author opened) as the core's `linked` facts: people only, never bots, never `updated_at`.
import type { TimelineFact } from "../lifecycle/repo-snapshot.js";
import { isBot, loginOf, type ActorNode } from "./facts.js";

/** A linked pull request as the sweep's `LINKED_PULL` reads it. */
export interface LinkedPullNode {
  number: number;
  createdAt: string;
  author: ActorNode | null;
  commits?: { nodes: ({ commit: { committedDate: string; author: { user: { login: string } | null } | null } } | null)[] };
  comments?: { nodes: ({ createdAt: string; author: ActorNode | null } | null)[] };
  reviews?: { nodes: ({ submittedAt: string | null; author: ActorNode | null } | null)[] };
}

export interface LinkedNodes {
  linked?: { nodes: (LinkedPullNode | null)[] } | null;
  refs?: { nodes: ({ __typename: string; source?: (LinkedPullNode & { __typename: string }) | { __typename: string } | null } | null)[] } | null;
}

type Act = { at: string; actor: ActorNode | null; what: NonNullable<TimelineFact["linkedAct"]> };

function actsOf(pull: LinkedPullNode): Act[] {
  const acts: Act[] = [{ at: pull.createdAt, actor: pull.author, what: "opened" }];
  for (const node of pull.commits?.nodes ?? []) {
    const login = node?.commit.author?.user?.login;
    // A commit GitHub could not tie to an account names nobody: it is nobody's move.
    if (node && login) acts.push({ at: node.commit.committedDate, actor: { login }, what: "committed" });
  }
  for (const node of pull.comments?.nodes ?? []) if (node) acts.push({ at: node.createdAt, actor: node.author, what: "commented" });
  for (const node of pull.reviews?.nodes ?? []) if (node?.submittedAt) acts.push({ at: node.submittedAt, actor: node.author, what: "reviewed" });
  return acts;
}

/**
 * `linked` facts: every person's acts on a pull request that closes the bug; on a pull request that only
 * cross-references it, its author's own acts (anyone can mention a bug; only the author's PR is their work).
 */
export function linkedFacts(node: LinkedNodes): TimelineFact[] {
  const facts: TimelineFact[] = [];
  const seen = new Set<number>();
  const add = (pull: LinkedPullNode, onlyAuthor: boolean) => {
    if (seen.has(pull.number)) return;
    seen.add(pull.number);
    const author = loginOf(pull.author)?.toLowerCase();
    for (const act of actsOf(pull)) {
      const login = loginOf(act.actor);
      if (!login || isBot(act.actor) || login.endsWith("[bot]")) continue;
      if (onlyAuthor && login.toLowerCase() !== author) continue;
      facts.push({ kind: "linked", at: act.at, actor: login, actorIsBot: false, pr: pull.number, linkedAct: act.what });
    }
  };
  for (const pull of node.linked?.nodes ?? []) if (pull) add(pull, false);
  for (const ref of node.refs?.nodes ?? []) {
    const source = ref?.source;
    if (source?.__typename === "PullRequest") add(source as LinkedPullNode, true);
  }
  return facts;
}

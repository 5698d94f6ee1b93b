//! Purpose: the baseline of `npm run bench:sweep`: what most stale bots do (list issues, then each one's events and comments over REST, one REST write per change).
import type { ProbotOctokit } from "probot";
import type { Config } from "../src/lifecycle/config.js";
import { withMarker, markersIn } from "../src/lifecycle/markers.js";
import { parseCommands } from "../src/lifecycle/parse-commands.js";
import type { TimelineFact, TrackedItem } from "../src/lifecycle/repo-snapshot.js";
import { planSweep } from "../src/lifecycle/sweep-plan.js";

interface RestUser {
  login: string;
  type: string;
}

const KINDS: Record<string, TimelineFact["kind"]> = {
  labeled: "labeled",
  unlabeled: "unlabeled",
  assigned: "assigned",
  closed: "closed",
  reopened: "reopened",
  convert_to_draft: "converted-to-draft",
  ready_for_review: "ready-for-review",
};

/** The same decisions as ours (the pure core), so only the way GitHub is read and written differs. */
export async function perIssueSweep(octokit: ProbotOctokit, repo: { owner: string; name: string }, config: Config, now: Date): Promise<{ actions: number }> {
  const params = { owner: repo.owner, repo: repo.name };
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...params, state: "open", per_page: 100 });
  let actions = 0;
  for (const issue of issues) {
    const isPull = Boolean(issue.pull_request);
    const labels = issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? "")));
    if (!isPull && !labels.includes(config.labels.bug)) continue;
    const events = await octokit.paginate(octokit.rest.issues.listEvents, { ...params, issue_number: issue.number, per_page: 100 });
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...params, issue_number: issue.number, per_page: 100 });
    const facts: TimelineFact[] = [];
    for (const event of events) {
      const kind = KINDS[event.event];
      if (!kind) continue;
      const actor = event.actor as RestUser | null;
      facts.push({ kind, at: event.created_at, actor: actor?.login ?? null, actorIsBot: actor?.type === "Bot", ...("label" in event && event.label ? { label: event.label.name } : {}) });
    }
    for (const comment of comments) {
      const user = comment.user as RestUser | null;
      const bot = user?.type === "Bot";
      const body = comment.body ?? "";
      const fact: TimelineFact = { kind: "commented", at: comment.created_at, actor: user?.login ?? null, actorIsBot: bot, commentId: comment.id, association: comment.author_association };
      if (bot) fact.markers = markersIn(body);
      else fact.commands = parseCommands(body).map((command) => command.name);
      facts.push(fact);
    }
    const author = issue.user as RestUser | null;
    const item: TrackedItem = {
      number: issue.number,
      isPullRequest: isPull,
      isDraft: Boolean((issue as { draft?: boolean }).draft),
      open: true,
      author: author?.login ?? "ghost",
      authorIsBot: author?.type === "Bot",
      labels,
      assignees: (issue.assignees ?? []).map((user) => user.login),
      markers: facts.flatMap((fact) => fact.markers ?? []),
      createdAt: issue.created_at,
      closedAt: null,
      timeline: facts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    };
    // Typical stale bots trust `author_association` for who is a maintainer.
    const maintainers = new Set(facts.filter((f) => f.actor && ["OWNER", "MEMBER", "COLLABORATOR"].includes(f.association ?? "")).map((f) => f.actor!.toLowerCase()));
    const plans = planSweep(item, config, now, maintainers);
    if (plans.length) actions++;
    for (const effect of plans.flatMap((plan) => plan.effects)) {
      const target = { ...params, issue_number: issue.number };
      switch (effect.type) {
        case "add-labels":
          await octokit.rest.issues.addLabels({ ...target, labels: effect.labels });
          break;
        case "remove-labels":
          for (const name of effect.labels) await octokit.rest.issues.removeLabel({ ...target, name });
          break;
        case "add-assignees":
          await octokit.rest.issues.addAssignees({ ...target, assignees: effect.logins });
          break;
        case "remove-assignees":
          await octokit.rest.issues.removeAssignees({ ...target, assignees: effect.logins });
          break;
        case "comment":
          await octokit.rest.issues.createComment({ ...target, body: withMarker(effect.body, effect.key, effect.restore) });
          break;
        case "close":
          await octokit.rest.issues.update({ ...target, state: "closed", state_reason: effect.reason });
          break;
        case "close-pull-request":
          await octokit.rest.pulls.update({ ...params, pull_number: issue.number, state: "closed" });
          break;
        case "convert-to-draft":
          // REST cannot; even stale bots use GraphQL here.
          await octokit.graphql(`mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { clientMutationId } }`, { id: issue.node_id });
          break;
        default:
          break;
      }
    }
  }
  return { actions };
}

//! Purpose: for `npm run bench:server`: the bare Probot app of server-bare-app.mjs, its one read sent through bug-lifecycle's transport.
// Shows how much of bug-lifecycle's CPU per delivery is its own work once both send requests the same way.
import { useTransport } from "../lib/github/transport.js";

export default (app) => {
  app.on(["issues.opened", "issues.labeled", "issues.unlabeled", "issue_comment.created"], async (context) => {
    await useTransport(context.octokit).rest.issues.get(context.issue());
  });
};

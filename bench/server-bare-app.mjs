//! Purpose: the floor for `npm run bench:server`: a bare Probot app that makes one API call per event, as small as an app gets.
// Same events as bug-lifecycle listens to, one authenticated REST read each (installation token, Octokit, plugins).
export default (app) => {
  app.on(["issues.opened", "issues.labeled", "issues.unlabeled", "issue_comment.created"], async (context) => {
    await context.octokit.rest.issues.get(context.issue());
  });
};

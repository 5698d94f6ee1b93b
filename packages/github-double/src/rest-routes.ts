//! Purpose: the REST routes the double implements, keyed by "METHOD template" of GitHub's description.
import { appRoutes } from "./rest-app.js";
import { hookDeliveryRoutes } from "./rest-hook-deliveries.js";
import { commentRoutes } from "./rest-comments.js";
import type { Handler } from "./rest-context.js";
import { issueRoutes } from "./rest-issues.js";
import { pullRoutes } from "./rest-pulls.js";
import { repoRoutes } from "./rest-repo.js";

export const ROUTES: Record<string, Handler> = {
  ...appRoutes,
  ...hookDeliveryRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...repoRoutes,
  ...pullRoutes,
};

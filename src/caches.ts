//! Purpose: every in-process cache in one call: a new run (a test, a simulated scenario) starts as a new process would.
import { forgetConfig } from "./config/load.js";
import { forgetDirectory } from "./github/directory.js";
import { forgetPermissions } from "./github/permissions.js";
import { forgetDelivery } from "./handlers/shared.js";
import { forgetSweepMaintainers } from "./sweep/maintainers.js";

export function forgetCaches(): void {
  forgetConfig();
  forgetDirectory();
  forgetPermissions();
  forgetDelivery();
  forgetSweepMaintainers();
}

//! Purpose: the labels `init` sets up (every managed label with a colour and what it means, and the configured groups'), and the smallest plan from what a repository has; pure.
import type { Config, Labels } from "./config.js";

export interface LabelSpec {
  name: string;
  /** Six hex digits, lower case, no `#`. */
  color: string;
  /** What the label means, as GitHub shows it (at most 100 characters). */
  description: string;
}

type Managed = Exclude<keyof Labels, "trackedPrefix" | "groupPrefix" | "customerPrefix">;

/** States blue to green along the lifecycle; attributes warm. */
const MANAGED: Record<Managed, { color: string; description: string }> = {
  bug: { color: "d73a4a", description: "A bug: bug-lifecycle tracks its state from the labels below." },
  reproduce: { color: "c5def5", description: "Inbox: waiting for QA to reproduce it (/reproduced moves it on)." },
  product: { color: "d4c5f9", description: "Drafting: waiting for product to decide (its PM owns it)." },
  release: { color: "0e8a16", description: "Engineering: scheduled into a release (the group's EM owns it)." },
  awaitingQa: { color: "fbca04", description: "Fixed, waiting for QA to verify it (with {release})." },
  readyForRelease: { color: "c2e0c6", description: "QA passed: ready for the release (with {release})." },
  needsInfo: { color: "f9d0c4", description: "Waiting for the reporter: reminded, then closed if nobody answers." },
  critical: { color: "b60205", description: "Critical bug: product confirms it, or it is escalated." },
  unreleased: { color: "fef2c0", description: "A bug in code that has not been released yet." },
  released: { color: "e99695", description: "A bug found in a released version." },
};

const GROUP_COLOR = "1d76db";

/** Every managed label of `config`, and each configured group's label. */
export function managedLabels(config: Config): LabelSpec[] {
  const specs: LabelSpec[] = (Object.keys(MANAGED) as Managed[]).map((key) => ({
    name: config.labels[key],
    color: MANAGED[key].color,
    description: MANAGED[key].description.replace("{release}", config.labels.release).slice(0, 100),
  }));
  for (const [group, owners] of Object.entries(config.groups)) {
    const who = [owners.em && `EM @${owners.em}`, owners.pm && `PM @${owners.pm}`].filter(Boolean).join(", ");
    specs.push({ name: group, color: GROUP_COLOR, description: `Product group${who ? `: ${who}` : ""}.`.slice(0, 100) });
  }
  return specs;
}

export interface ExistingLabel {
  name: string;
  color: string;
  description: string | null;
}

export interface LabelPlan {
  create: LabelSpec[];
  /** `name` is the repository's spelling (GitHub matches names case-insensitively): it is never renamed. */
  update: Array<{ name: string; from: { color: string; description: string | null }; to: LabelSpec }>;
  /** Already as wanted. */
  unchanged: string[];
}

/** Only the managed and group labels are looked at: every other label of the repository is left alone. */
export function planLabels(wanted: readonly LabelSpec[], existing: readonly ExistingLabel[]): LabelPlan {
  const plan: LabelPlan = { create: [], update: [], unchanged: [] };
  const byName = new Map(existing.map((label) => [label.name.toLowerCase(), label]));
  const seen = new Set<string>();
  for (const spec of wanted) {
    const key = spec.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const found = byName.get(key);
    if (!found) plan.create.push(spec);
    else if (found.color.toLowerCase() !== spec.color || (found.description ?? "") !== spec.description) {
      plan.update.push({ name: found.name, from: { color: found.color, description: found.description }, to: spec });
    } else plan.unchanged.push(found.name);
  }
  return plan;
}

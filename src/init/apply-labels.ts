//! Purpose: `init --apply`: create and update the planned labels, one request each (paced like every write), nothing else touched.
import type { LabelPlan } from "../lifecycle/managed-labels.js";
import type { Octokit } from "../runtime/clients.js";

export interface LabelsApplied {
  created: string[];
  updated: string[];
}

export async function applyLabels(octokit: Octokit, repo: { owner: string; name: string }, plan: LabelPlan): Promise<LabelsApplied> {
  const done: LabelsApplied = { created: [], updated: [] };
  for (const spec of plan.create) {
    await octokit.rest.issues.createLabel({ owner: repo.owner, repo: repo.name, name: spec.name, color: spec.color, description: spec.description });
    done.created.push(spec.name);
  }
  for (const change of plan.update) {
    await octokit.rest.issues.updateLabel({ owner: repo.owner, repo: repo.name, name: change.name, color: change.to.color, description: change.to.description });
    done.updated.push(change.name);
  }
  return done;
}

//! Purpose: the labels `init` sets up, and its plan from what a repository has: create, update (never rename), leave the rest.
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/lifecycle/config.js";
import { managedLabels, planLabels } from "../../src/lifecycle/managed-labels.js";
import { fleetConfig } from "../support/fixtures.js";

describe("managedLabels", () => {
  it("every managed label with a colour and a meaning of at most 100 characters, and each configured group's", () => {
    const specs = managedLabels(fleetConfig());
    expect(specs.map((s) => s.name)).toEqual(["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "~critical bug", "~unreleased bug", "~released bug", "#g-mdm", "#g-orchestration", "#g-nopm"]);
    for (const spec of specs) {
      expect(spec.color).toMatch(/^[0-9a-f]{6}$/);
      expect(spec.description.length).toBeGreaterThan(10);
      expect(spec.description.length).toBeLessThanOrEqual(100);
    }
    expect(specs.find((s) => s.name === "#g-nopm")?.description).toBe("Product group: EM @nopm-em.");
  });

  it("follows renamed labels, in names and in the descriptions that name them", () => {
    const specs = managedLabels(configSchema.parse({ labels: { release: "scheduled", awaitingQa: "qa" } }));
    expect(specs.find((s) => s.name === "qa")?.description).toBe("Fixed, waiting for QA to verify it (with scheduled).");
  });
});

describe("planLabels", () => {
  const wanted = [
    { name: "bug", color: "d73a4a", description: "A bug." },
    { name: ":release", color: "0e8a16", description: "Engineering." },
    { name: "#g-mdm", color: "1d76db", description: "Product group." },
  ];
  it.each<[name: string, existing: Array<{ name: string; color: string; description: string | null }>, create: string[], update: string[], unchanged: string[]]>([
    ["an empty repository: create all", [], ["bug", ":release", "#g-mdm"], [], []],
    ["as wanted (colour case aside): nothing", [{ name: "bug", color: "D73A4A", description: "A bug." }, { name: ":release", color: "0e8a16", description: "Engineering." }, { name: "#g-mdm", color: "1d76db", description: "Product group." }], [], [], ["bug", ":release", "#g-mdm"]],
    ["another colour or description: update, in the repository's spelling", [{ name: "Bug", color: "ee0701", description: "A bug." }, { name: ":release", color: "0e8a16", description: null }], ["#g-mdm"], ["Bug", ":release"], []],
    ["other labels are not in the plan", [{ name: "enhancement", color: "a2eeef", description: null }], ["bug", ":release", "#g-mdm"], [], []],
  ])("%s", (_name, existing, create, update, unchanged) => {
    const plan = planLabels(wanted, existing);
    expect(plan.create.map((s) => s.name)).toEqual(create);
    expect(plan.update.map((u) => u.name)).toEqual(update);
    expect(plan.unchanged).toEqual(unchanged);
  });
});

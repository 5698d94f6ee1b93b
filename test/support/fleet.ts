//! Purpose: the repository most tests act on: Fleet's handbook config and the labels it uses.

export const REPO = "acme/app";

export const FLEET_CONFIG = `
people:
  qa: [qa-lead]
  headOfProduct: product-head
groups:
  "#g-mdm": { em: mdm-em, pm: mdm-pm }
  "#g-orchestration": { em: orch-em, pm: orch-pm }
`;

/** FLEET_CONFIG with `people.escalation` (whom an unconfirmed critical bug escalates to) and, optionally, a shorter wait. */
export function escalatingConfig(escalation: string[] = ["@acme/help-p1"], escalateAfterMinutes?: number, base = FLEET_CONFIG): string {
  const people = base.replace("  headOfProduct: product-head\n", `  headOfProduct: product-head\n  escalation: ${JSON.stringify(escalation)}\n`);
  if (people === base) throw new Error("escalatingConfig: the base config names no head of product");
  return escalateAfterMinutes === undefined ? people : `${people}critical:\n  escalateAfterMinutes: ${escalateAfterMinutes}\n`;
}

export const FLEET_LABELS = [
  "bug",
  ":reproduce",
  ":product",
  ":release",
  "~awaiting QA",
  "~ready for release",
  "~needs info",
  "~critical bug",
  "~unreleased bug",
  "#g-mdm",
  "#g-orchestration",
];

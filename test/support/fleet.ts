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

//! Purpose: TEMPORARY re-export of the github-double package for test imports (removed once they import the package).
export * from "@bug-lifecycle/github-double";

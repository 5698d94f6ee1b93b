//! Purpose: TEMPORARY re-export of the simulate package for test imports (removed once they import the package).
export * from "@bug-lifecycle/simulate";

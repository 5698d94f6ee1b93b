//! Purpose: the one type for a repository by name (`owner/name`), shared by every reader, the sweep, the report and the CLI.

/** A repository as people write it, `owner/name`; `RepoRef` (src/github/to-event.ts) adds its node id. */
export interface RepoName {
  owner: string;
  name: string;
}

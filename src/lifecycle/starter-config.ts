//! Purpose: the starter `.github/bug-lifecycle.yml` `init` prints for a repository without one: its `#g-*` labels as groups, its writers as commented candidates; pure.

export interface StarterInput {
  repo: string;
  /** The repository's labels that start with the group prefix (`#g-` by default). */
  groups: readonly string[];
  /** People with write access or more: candidates for QA, EMs and PMs. */
  writers: readonly string[];
}

/** Valid as it is (check-config passes; groups without an EM are warnings until a person fills them in). */
export function starterConfig(input: StarterInput): string {
  const candidates = input.writers.length ? input.writers.map((login) => `#   ${login}`).join("\n") : "#   (nobody has write access besides the owner)";
  const groups = input.groups.length
    ? `groups:\n${input.groups.map((group) => `  ${JSON.stringify(group)}: {}  # em: LOGIN, pm: LOGIN`).join("\n")}\n`
    : "groups: {}  # \"#g-name\": { em: LOGIN, pm: LOGIN }\n";
  return `# bug-lifecycle: .github/bug-lifecycle.yml for ${input.repo}, written by \`bug-lifecycle init\`
# from what the repository has. Fill in the people, check it with
# \`bug-lifecycle check-config .github/bug-lifecycle.yml\`, commit it, then run
# \`bug-lifecycle init --repo ${input.repo} --apply\` again for the group labels.
# Every key is optional: docs/contract.md §6 and schema/bug-lifecycle.schema.json describe them.
#
# People with write access (candidates for the roles below):
${candidates}

people:
  qa: []  # QA logins: assigned on awaiting QA, reminded of the inbox
  headOfProduct: null  # owns drafting when a group has no PM

# One entry per product-group label: its engineering manager and product manager.
${groups}
# One comment per bug that the bot keeps current (state, owner, next timer, history), instead of a new
# comment for each informational transition; it also lets \`/undo\` read the bot's last transitions.
statusComment: true
`;
}

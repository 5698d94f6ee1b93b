//! Purpose: the one notion of "the bot's own comment or event", for every reader (fresh issue, sweep page, report, weekly report).

/** A GraphQL actor: `__typename` tells a GitHub App (`Bot`) from a person. */
export interface AuthorLike {
  login: string;
  __typename?: string | undefined;
}

/**
 * Any GitHub App's comments are the bot's (the app, or Actions' installation token), and so are the
 * comments of `self`, the login of a personal token the CLI runs with (see src/runtime/identity.ts).
 */
export function isOwnAuthor(author: AuthorLike | null | undefined, self?: string | undefined): boolean {
  if (!author) return false;
  return author.__typename === "Bot" || (self !== undefined && author.login.toLowerCase() === self.toLowerCase());
}

//! Purpose: every reply fits GitHub's limit (a comment over 65,536 characters is refused, and the person sees nothing): long lists end "… and N more".

/** GitHub refuses a comment body longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** What a list in a reply may take: the rest is for the message around it, the markers and a restore note. */
export const LIST_BUDGET = 60_000;
/** A whole body, before its markers are added (a restore note holds labels and assignees: a few hundred characters). */
export const BODY_BUDGET = 64_000;

/**
 * `items` joined by `separator`, as many as fit in `budget` characters, then "… and N more" for the rest.
 * An item longer than the budget on its own is cut, so one huge line cannot empty the list.
 */
export function fitList(items: readonly string[], separator: string, budget = LIST_BUDGET): string {
  const kept: string[] = [];
  let used = 0;
  for (const [index, item] of items.entries()) {
    const left = items.length - index;
    const more = `${separator}… and ${left} more`;
    const cost = (kept.length ? separator.length : 0) + item.length;
    if (used + cost + more.length > budget) {
      if (!kept.length) kept.push(cut(item, budget - more.length - 1));
      const rest = items.length - kept.length;
      return rest ? `${kept.join(separator)}${separator}… and ${rest} more` : kept.join(separator);
    }
    kept.push(item);
    used += cost;
  }
  return kept.join(separator);
}

/** A body cut to `budget` characters with a note saying so: the last guard before GitHub refuses it. */
export function fitBody(body: string, budget = BODY_BUDGET): string {
  if (body.length <= budget) return body;
  const note = `\n\n… (cut: ${body.length - budget + 100} more characters; GitHub takes at most ${GITHUB_COMMENT_LIMIT} in a comment)`;
  return `${cut(body, budget - note.length)}${note}`;
}

function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  // Never split a surrogate pair: GitHub would count a broken character.
  let end = Math.max(width - 1, 0);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

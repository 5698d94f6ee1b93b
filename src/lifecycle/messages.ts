//! Purpose: every text the bot writes, by key, so a repository can override any of them in its config.

export const defaultMessages = {
  acknowledge:
    "Thanks for the report, @{reporter}! QA will try to reproduce it within {slaBusinessDays} business day(s) and follow up here.",
  unknownGroup: "I don't know the group `{group}`. Valid groups: {groups}.",
  noGroup: "`/{command}` needs a group, e.g. `/{command} {example}`. Valid groups: {groups}.",
  noGroupsConfigured:
    "`/{command}` needs a group, and this repository's `.github/bug-lifecycle.yml` defines none (`groups:`).",
  notAllowed: "`/{command}` can only be used by {who}.",
  wrongState: "`/{command}` applies to bugs in {from}; this one is in `{state}`, so nothing changed.",
  notABugIssue: "`/{command}` applies to issues labeled `{bug}`; this one is not, so nothing changed.",
  closedIssue: "`/{command}` applies to open issues; this one is closed, so nothing changed.",
  needsText: "`/{command}` needs {what} after the command, e.g. `/{command} {example}`.",
  critical: [
    "🚨 **Critical bug** raised by @{actor}. {mentions}{note}",
    "",
    "A critical bug blocks the normal use of a workflow, prevents upgrades, causes irreversible damage (such as data loss) or introduces a security vulnerability. Checklist:",
    "- [ ] Product confirms it is critical and defines the expected behavior (fall back to #help-p1 if no answer within 1 hour).",
    "- [ ] Customer experience warns customers and the community (the on-call engineer if CX is not available), with a workaround if one exists.",
    "- [ ] The fix ships in a patch release.",
  ].join("\n"),
  fixed: "Fixed by {pr}. {qa} please verify the fix and use `/qa-passed` or `/qa-failed <notes>`.",
  fixedByMerge:
    "Fixed by {pr}, merged with a closing keyword, so GitHub closes this bug; bugs are closed after QA verifies the fix, so it stays open in awaiting QA. {qa} please verify the fix and use `/qa-passed` or `/qa-failed <notes>`.",
  qaFailed: "QA found remaining issues. {assignees}\n\n{notes}",
  released: "Released in {milestone}. Thanks everyone!",
  needsInfo:
    "@{reporter} thanks for the report! We need more details to reproduce this bug: the steps you took, what you expected, what happened instead and the version you run.{text}",
  needsInfoAnswered: "{qa} the reporter replied with more details.",
  notABug: "This is not a bug: it works as specified. Moved to product ({owner}) to decide its priority.{reason}",
  reopenNotAllowed: "`/reopen` can be used by the issue's author on an issue the bot closed, or by maintainers.",
  notClosedByBot: "`/reopen` restores issues the bot closed; this one was closed by @{closer}, so please ask a maintainer.",
  notClosed: "This issue is already open.",
  invalidConfig: "I can't act in this repository: `.github/bug-lifecycle.yml` is invalid.\n\n{errors}\n\nFix the file and try again.",
  closingKeyword:
    "@{author} please reference bugs without a closing keyword ({refs}): bugs are closed by QA after the release, not by merging. Write `#{example}` instead of `fixes #{example}`.",
  thanks: "Merged! 🎉 Thank you @{author} for your contribution to this project.",
  groupSame: "This bug is already in `{group}`.",
  needsInfoReminder:
    "@{reporter} friendly reminder: we still need more details to reproduce this bug (the steps you took, what you expected, what happened instead and the version you run). Without them this issue will be closed in {days} days.",
  needsInfoClose:
    "@{reporter} we're closing this issue because we couldn't reproduce it without more details and haven't heard back in {days} days. You're welcome to reopen it: comment `/reopen` with the new details and it goes back to where it was. Thank you for the report!",
  inboxSla:
    "{qa} this bug has been waiting in the inbox for more than {slaBusinessDays} business day(s). Please reproduce it (`/reproduced`), ask the reporter for details (`/needs-info`) or use `/not-a-bug`.",
  sixWeekRule:
    "Six-week rule: this bug was reproduced {days} days ago and is still not scheduled into a release (`{release}`), so it goes back to product ({owner}) to prioritize it or close it as accepted behavior.",
  stalePrDraft:
    "@{author} this pull request has been waiting on you for {days} days, so I converted it to a draft. When you're ready, push your changes or reply here, then mark it ready for review again. Thank you for contributing!",
  prResponse:
    "{people} this community pull request by {author} has been waiting on us since {since} (more than {businessDays} business day(s)). Please follow up with the contributor: review it, answer them, or say when to expect a review.",
  criticalEscalation:
    "{escalation} escalating: this bug was marked critical {minutes} minutes ago and nobody from product ({product}) has confirmed it yet. Please confirm it is critical and define the expected behavior.",
  stalePrClose:
    "@{author} closing this pull request: it has had no update from you in {days} days. Thank you for the work on it; you're welcome to reopen it (or open a new one) whenever you pick it up again.",
  boardMoveRefused: "I put this card back in its column: moving it to **{column}** did not change the bug. {reason}",
  boardMoveNotMaintainer: "Only maintainers can move bugs between columns.",
  help: "Commands you can use here, one per line in a comment:\n{commands}\n\nMore: {docs}.",
  noOwner: "Nobody is assigned: {who} is not configured. Name them in `.github/bug-lifecycle.yml`: {key}.",
  didYouMean: "`/{word}` is not a command: did you mean `/{command}`?",
} as const;

export type MessageKey = keyof typeof defaultMessages;
export const MESSAGE_KEYS = Object.keys(defaultMessages) as MessageKey[];

/** Fills `{name}` placeholders; unknown placeholders stay as they are so a typo is visible, not silent. */
export function render(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

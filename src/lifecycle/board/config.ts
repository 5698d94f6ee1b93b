//! Purpose: the `board` key of the config: which Projects (v2) board follows each bug, on which field, in which columns.
import { z } from "zod";

/** The states a column can stand for: the six open states, and `closed` for every closed bug. */
export const BOARD_STATES = ["inbox", "reproduced", "drafting", "engineering", "awaiting-qa", "ready-for-release", "closed"] as const;
export type BoardState = (typeof BOARD_STATES)[number];

/** `https://github.com/orgs/acme/projects/7` (any host, for GitHub Enterprise): an organisation's project v2. */
export const PROJECT_URL = /^https?:\/\/[^/\s]+\/orgs\/([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/projects\/([1-9][0-9]*)\/?$/;

export interface ProjectRef {
  org: string;
  number: number;
}

/** The organisation and number of a project URL, or null when it is not an organisation project v2 URL. */
export function parseProjectUrl(url: string): ProjectRef | null {
  const match = PROJECT_URL.exec(url);
  return match ? { org: match[1]!, number: Number(match[2]) } : null;
}

const column = z.string().min(1);

export const boardSchema = z
  .strictObject({
    project: z
      .string()
      .regex(PROJECT_URL, "must be an organisation project (v2) URL such as https://github.com/orgs/acme/projects/7")
      .describe("The organisation project (v2) that shows every bug, e.g. `https://github.com/orgs/acme/projects/7`."),
    field: z
      .string()
      .min(1)
      .default("Status")
      .describe("The project's single-select field whose options are the columns (GitHub's default board field is `Status`)."),
    columns: z
      .strictObject({
        inbox: column.optional().describe("Option for `inbox`: waiting for QA to reproduce (`:reproduce`)."),
        reproduced: column.optional().describe("Option for `reproduced`: reproduced, waiting for its group's EM."),
        drafting: column.optional().describe("Option for `drafting`: waiting for product (`:product`)."),
        engineering: column.optional().describe("Option for `engineering`: scheduled into a release (`:release`)."),
        "awaiting-qa": column.optional().describe("Option for `awaiting-qa`: fixed, waiting for QA (`~awaiting QA`)."),
        "ready-for-release": column
          .optional()
          .describe("Option for `ready-for-release`: QA passed (`~ready for release`)."),
        closed: column.optional().describe("Option for every closed bug; moving a card here closes the bug."),
      })
      .default({})
      .describe("State → option name. A state left out is left alone: its cards are neither moved nor read."),
  })
  .superRefine((board, ctx) => {
    // A move into a column must name one state, or the bot could not tell what the person meant.
    const owners = new Map<string, string>();
    for (const [state, option] of Object.entries(board.columns)) {
      if (option === undefined) continue;
      const owner = owners.get(option.toLowerCase());
      if (owner) ctx.addIssue({ code: "custom", path: ["columns", state], input: option, message: `is the same column as columns.${owner}` });
      else owners.set(option.toLowerCase(), state);
    }
  })
  .nullable()
  .default(null)
  .describe("A GitHub Projects (v2) board whose column follows each bug's state, both ways. Needs the app's organisation projects permission.");

export type BoardConfig = NonNullable<z.output<typeof boardSchema>>;

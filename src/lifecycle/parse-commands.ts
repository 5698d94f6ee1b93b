//! Purpose: find the commands in a comment: line-anchored, outside code fences and quotes, in order (docs/contract.md §2).
import { COMMANDS, type CommandName } from "./config.js";

export interface Command {
  name: CommandName;
  /** Words after the command on its line. */
  args: string[];
  /** Everything after the command: the rest of its line and the lines up to the next command. */
  text: string;
  /** The command's line as written (what an edit is compared by). */
  line: string;
}

// People write `/reproduced, thanks!`: punctuation may follow the name; a `/` may not (`/release/now` is a path).
const COMMAND_LINE = /^\s{0,3}\/([A-Za-z][\w-]*)(?=[\s,.;:!?)]|$)[,.;:!?)]*(.*)$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function parseCommands(body: string): Command[] {
  return scan(body).commands;
}

/**
 * The `/words` of command-shaped lines that are not commands (`/help`, `/reproducd`, another bot's `/lgtm`),
 * lowercased, in order; an edit's only the lines it added. They stay ignored unless `/help` or a near miss.
 */
export function otherWords(body: string, previous?: string): string[] {
  const words = scan(body).others;
  if (previous === undefined) return words;
  const before = scan(previous).others;
  return words.filter((word) => {
    const at = before.indexOf(word);
    if (at >= 0) before.splice(at, 1);
    return at < 0;
  });
}

function scan(body: string): { commands: Command[]; others: string[] } {
  const commands: Command[] = [];
  const others: string[] = [];
  let fence: string | null = null;
  let current: { command: Command; extra: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    current.command.text = [current.command.text, ...current.extra].join("\n").trim();
    commands.push(current.command);
    current = null;
  };

  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch?.[1]?.startsWith(fence[0] ?? "") && fenceMatch[1].length >= fence.length) fence = null;
      current?.extra.push(line);
      continue;
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
      current?.extra.push(line);
      continue;
    }
    const match = COMMAND_LINE.exec(line);
    const name = match?.[1]?.toLowerCase();
    if (match && isCommandName(name)) {
      finish();
      const rest = (match[2] ?? "").trim();
      current = { command: { name, args: rest ? rest.split(/\s+/) : [], text: rest, line: line.trim() }, extra: [] };
    } else if (match) {
      // Another bot's command ends ours, so its words never become our notes.
      finish();
      if (name) others.push(name);
    } else {
      current?.extra.push(line);
    }
  }
  finish();
  return { commands, others };
}

function isCommandName(name: string | undefined): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name ?? "");
}

/** A command line compared across an edit: case and spacing do not make a command new. */
function lineKey(command: Command): string {
  return command.line.toLowerCase().replace(/\s+/g, " ");
}

/**
 * The commands an edit added (docs/contract.md §2): those of `body` whose line was not in `previous`, counting
 * repeats, so a command already there never runs twice and removing one undoes nothing.
 * Without `previous` (a new comment) every command runs.
 */
export function newCommands(body: string, previous?: string): Command[] {
  const commands = parseCommands(body);
  if (previous === undefined) return commands;
  const before = new Map<string, number>();
  for (const command of parseCommands(previous)) before.set(lineKey(command), (before.get(lineKey(command)) ?? 0) + 1);
  return commands.filter((command) => {
    const left = before.get(lineKey(command)) ?? 0;
    if (left > 0) before.set(lineKey(command), left - 1);
    return left === 0;
  });
}

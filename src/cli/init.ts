//! Purpose: `bug-lifecycle init --repo owner/name [--apply]`: set a repository's labels up (colours, what each means) and, without a config, print a starter one.
import { applyLabels } from "../init/apply-labels.js";
import { readSetup } from "../init/read-setup.js";
import { configSchema, type Config } from "../lifecycle/config.js";
import { managedLabels, planLabels, type LabelPlan } from "../lifecycle/managed-labels.js";
import { starterConfig } from "../lifecycle/starter-config.js";
import { describeFailure } from "../runtime/failure.js";
import type { RuntimeOptions } from "../runtime/runtime.js";
import { parseRepo } from "../sweep/targets.js";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, parseCommandLine, type CliCommand, type Io } from "./command.js";
import { runtimeFor } from "./runtime-for.js";

const help = `Usage: bug-lifecycle init --repo owner/name [--apply]

Set a repository up for bug-lifecycle (docs/first-day.md). Shows the plan; with
--apply carries it out: creates or updates every label the bot manages (the
config's labels: name, colour and a description saying what the state means)
and the label of every group the config names. Other labels are never touched;
running it again writes nothing.

Without .github/bug-lifecycle.yml, it prints a starter config on standard output
(the repository's group labels as groups, the people with write access listed as
candidates) that passes check-config:
  bug-lifecycle init --repo owner/name > .github/bug-lifecycle.yml

Options:
  --repo owner/name  the repository (required)
  --apply            create and update the labels
  -h, --help         show this help

Credentials, from the environment, as for sweep: APP_ID + PRIVATE_KEY or
PRIVATE_KEY_PATH, or GITHUB_TOKEN; GHE_HOST, GHE_PROTOCOL. The plan and logs go
to standard error.

Exit status: 0 done (or nothing to do), 1 GitHub or config problem,
2 usage error, bad or missing credentials.
`;

export function initCommand(deps: Omit<RuntimeOptions, "env"> & { env?: NodeJS.ProcessEnv } = {}): CliCommand {
  return {
    name: "init",
    summary: "set a repository's labels up and print a starter config",
    help,
    run: (args, io) => runInit(args, io, { ...deps, env: deps.env ?? process.env }),
  };
}

async function runInit(args: string[], io: Io, options: RuntimeOptions): Promise<number> {
  const parsed = parseCommandLine("init", help, io, { args, options: { repo: { type: "string" }, apply: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } } });
  if (typeof parsed === "number") return parsed;
  const repo = parsed.values.repo === undefined ? null : parseRepo(parsed.values.repo);
  if (!repo) {
    io.stderr(`init: --repo owner/name is required${parsed.values.repo === undefined ? "" : `, got ${JSON.stringify(parsed.values.repo)}`}\n`);
    return EXIT_USAGE;
  }
  const name = `${repo.owner}/${repo.name}`;
  const runtime = runtimeFor("init", { ...options, logFd: 2 }, io);
  if (typeof runtime === "number") return runtime;
  try {
    const octokit = await runtime.clients.forRepo(repo);
    const setup = await readSetup(octokit, repo);
    let config: Config = configSchema.parse({});
    if (setup.hasConfig) {
      const loaded = await runtime.loadConfig(octokit, repo);
      if (!loaded.ok) {
        io.stderr(`init: .github/bug-lifecycle.yml of ${name} is invalid (fix it first: bug-lifecycle check-config):\n${loaded.errors.map((e) => `  ${e}\n`).join("")}`);
        return EXIT_PROBLEM;
      }
      config = loaded.config;
    } else {
      const groups = setup.labels.map((label) => label.name).filter((label) => label.startsWith(config.labels.groupPrefix));
      io.stdout(starterConfig({ repo: name, groups, writers: setup.writers }));
      io.stderr(`init: ${name} has no .github/bug-lifecycle.yml: a starter config is on standard output (its labels are the defaults')\n`);
    }
    const plan = planLabels(managedLabels(config), setup.labels);
    io.stderr(describePlan(name, plan));
    if (!plan.create.length && !plan.update.length) return EXIT_OK;
    if (!parsed.values.apply) {
      io.stderr("init: nothing written; run again with --apply to make these changes\n");
      return EXIT_OK;
    }
    const done = await applyLabels(octokit, repo, plan);
    io.stderr(`init: ${name}: created ${done.created.length} labels, updated ${done.updated.length}; no other label touched\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`init: ${name}: ${describeFailure(error)}\n`);
    return EXIT_PROBLEM;
  } finally {
    await runtime.close();
  }
}

function describePlan(repo: string, plan: LabelPlan): string {
  const lines = [`init: ${repo}: ${plan.create.length} labels to create, ${plan.update.length} to update, ${plan.unchanged.length} already right`];
  for (const spec of plan.create) lines.push(`  create ${JSON.stringify(spec.name)} #${spec.color}: ${spec.description}`);
  for (const change of plan.update) {
    const what: string[] = [];
    if (change.from.color.toLowerCase() !== change.to.color) what.push(`colour #${change.from.color} → #${change.to.color}`);
    if ((change.from.description ?? "") !== change.to.description) what.push(`description → ${JSON.stringify(change.to.description)}`);
    lines.push(`  update ${JSON.stringify(change.name)}: ${what.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

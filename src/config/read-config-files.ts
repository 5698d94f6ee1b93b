//! Purpose: a repository's config files as Probot's config plugin finds them (the repository's, else the owner's `.github`, then `_extends`), parsed in bounded time.
import type { ProbotOctokit } from "probot";
import { TtlCache } from "../github/ttl-cache.js";
import { CONFIG_SIZE_LIMIT, parseConfigYaml } from "./bounded-yaml.js";

/** The file itself is bad (too large, not YAML, not a mapping, a bad `_extends`): the repository's problem, said to a person. */
export class ConfigFileError extends Error {}

type Plain = Record<string, unknown>;
interface FileAt {
  owner: string;
  repo: string;
  path: string;
  ref?: string | undefined;
}
interface ConfigFile extends FileAt {
  config: Plain | null;
}

/**
 * `@probot/octokit-plugin-config`'s `config.get` semantics (v6), with its `yaml.parse` (whose duplicate-key
 * check is quadratic: a 2 MB file froze the server 10 s) replaced by `parseConfigYaml`: a size limit first, a
 * linear check after. Returns the configs to merge, the repository's own last (it wins).
 */
export async function readConfigFiles(octokit: ProbotOctokit, at: FileAt): Promise<Plain[]> {
  const files: ConfigFile[] = [await readConfigFile(octokit, at)];
  if (!files[0]!.config && at.repo !== ".github") files.push(await readConfigFile(octokit, { owner: at.owner, repo: ".github", path: at.path }));
  let last = files.at(-1)!;
  while (last.config && "_extends" in last.config) {
    const next = extendsTarget(last, at);
    delete last.config._extends;
    if (files.some((file) => file.owner === next.owner && file.repo === next.repo && file.path === next.path)) {
      throw new ConfigFileError(`_extends in ${nameOf(last)} loops back to ${nameOf(next)}`);
    }
    last = await readConfigFile(octokit, next);
    files.push(last);
  }
  return files.map((file) => file.config).filter((config): config is Plain => config !== null).reverse();
}

const nameOf = (file: FileAt) => `${file.owner}/${file.repo}:${file.path}`;

const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

/** `_extends: .github`, `other-repo`, `owner/repo`, `owner/repo:path/file.yml`, as the plugin reads it. */
function extendsTarget(file: ConfigFile, at: FileAt): FileAt {
  const value = file.config?._extends;
  const match = typeof value === "string" ? EXTENDS.exec(value) : null;
  if (!match) throw new ConfigFileError(`invalid _extends ${JSON.stringify(value)} in ${nameOf(file)}`);
  return { owner: match[1] || at.owner, repo: match[2]!, path: match[3] || at.path };
}

async function readConfigFile(octokit: ProbotOctokit, at: FileAt): Promise<ConfigFile> {
  let response: { data: unknown; headers: Record<string, unknown> };
  try {
    response = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: at.owner,
      repo: at.repo,
      path: at.path,
      ...(at.ref && { ref: at.ref }),
      mediaType: { format: "raw" },
    });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { ...at, config: null };
    throw error;
  }
  if (String(response.headers["content-type"] ?? "").startsWith("application/json") && typeof response.data !== "string") {
    throw new ConfigFileError(`${nameOf(at)} is a directory or a submodule`);
  }
  const text = typeof response.data === "string" ? response.data : Buffer.isBuffer(response.data) ? response.data.toString("utf8") : String(response.data ?? "");
  const parsed = parsedOf(text);
  if (!parsed.ok) throw new ConfigFileError(`${nameOf(at)}: ${parsed.reason}`);
  if (parsed.value === null || parsed.value === undefined) return { ...at, config: {} };
  if (typeof parsed.value !== "object" || Array.isArray(parsed.value)) throw new ConfigFileError(`${nameOf(at)}: YAML is not a mapping`);
  // A copy: `_extends` is deleted from it, and the parsed value is kept for the next read.
  return { ...at, config: { ...(parsed.value as Plain) } };
}

/**
 * Parsed files by their text, for an hour (at most 100, each under the size limit): a repository's file is
 * read again every minute (the config cache's) on every replica that serves it, and parsing a few-KB file
 * costs 3–15 ms of CPU (code that runs once a minute never gets fast); an unchanged file is parsed once.
 * Parsing is pure (the same text gives the same value), so every runtime of the process shares this.
 */
const parsedByText = new TtlCache<string, ReturnType<typeof parseConfigYaml>>(60 * 60_000, 100);

function parsedOf(text: string): ReturnType<typeof parseConfigYaml> {
  // An oversized file is refused before parsing anyway, and is not worth keeping.
  if (text.length > CONFIG_SIZE_LIMIT) return parseConfigYaml(text);
  const known = parsedByText.get(text);
  if (known) return known;
  const parsed = parseConfigYaml(text);
  parsedByText.set(text, parsed);
  return parsed;
}

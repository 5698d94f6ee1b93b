//! Purpose: runs a Dockerfile's steps as `docker build` and `docker run` would, on this machine, for machines with no Docker daemon and no base images: each stage a directory, COPY a copy, RUN a shell, the image's `node` the node24 optional dependency.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface Stage {
  name: string | undefined;
  image: string;
  /** The stage's "/" on this machine. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
}

export interface Image {
  stages: Stage[];
  /** The last stage: what `docker run` runs. */
  final: Stage;
  cmd: string[];
  healthcheck: { options: string; cmd: string[] } | undefined;
  exposed: string[];
  /** Each instruction as run, for failure messages. */
  log: string[];
}

export interface BuildOptions {
  /** The build context (a clone). */
  context: string;
  /** The directory holding the `node` that stands for the base image's. */
  nodeBin: string;
  /** More environment for RUN steps (e.g. npm's cache settings, as a build cache would be). */
  env?: Record<string, string>;
}

const SUPPORTED = new Set(["FROM", "WORKDIR", "COPY", "RUN", "ENV", "USER", "EXPOSE", "HEALTHCHECK", "CMD"]);

/** Paths inside a stage (`/app`, `./`) on this machine. */
function inside(stage: Stage, path: string): string {
  return path.startsWith("/") ? join(stage.root, path) : join(stage.root, stage.workdir, path);
}

export function build(dockerfile: string, options: BuildOptions): Image {
  const stages: Stage[] = [];
  let cmd: string[] = [];
  let healthcheck: Image["healthcheck"];
  const exposed: string[] = [];
  const log: string[] = [];
  const lines = readFileSync(dockerfile, "utf8").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
  for (const line of lines) {
    const [, instruction, rest] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (!instruction || !SUPPORTED.has(instruction) || line.endsWith("\\")) throw new Error(`Dockerfile: the test cannot run ${JSON.stringify(line)}`);
    log.push(line);
    const stage = stages.at(-1);
    if (instruction === "FROM") {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest!) ?? [];
      stages.push({ name, image: image!, root: mkdtempSync(join(tmpdir(), "bug-lifecycle-image-")), workdir: "/", env: {}, user: undefined });
      continue;
    }
    if (!stage) throw new Error("Dockerfile: an instruction before FROM");
    if (instruction === "WORKDIR") {
      stage.workdir = rest!;
      mkdirSync(inside(stage, "."), { recursive: true });
    } else if (instruction === "ENV") {
      const [, key, value] = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(rest!) ?? [];
      stage.env[key!] = value!;
    } else if (instruction === "USER") {
      stage.user = rest!;
    } else if (instruction === "EXPOSE") {
      exposed.push(rest!);
    } else if (instruction === "COPY") {
      const words = rest!.split(/\s+/);
      const from = words[0]?.startsWith("--from=") ? words.shift()!.slice("--from=".length) : undefined;
      const source = from === undefined ? undefined : stageNamed(stages, from);
      const dest = words.pop()!;
      for (const path of words) {
        const src = source ? join(source.root, path) : join(options.context, path);
        const target = dest.endsWith("/") || words.length > 1 ? join(inside(stage, dest), path.split("/").pop()!) : inside(stage, dest);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(src, target, { recursive: true, verbatimSymlinks: true });
      }
    } else if (instruction === "RUN") {
      execFileSync("sh", ["-c", rest!], { cwd: inside(stage, "."), env: runEnv(stage, options), stdio: "pipe", encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    } else if (instruction === "HEALTHCHECK") {
      const [, opts, json] = /^(.*?)\s*CMD\s+(\[.*\])$/.exec(rest!) ?? [];
      healthcheck = { options: opts ?? "", cmd: JSON.parse(json!) as string[] };
    } else if (instruction === "CMD") {
      cmd = JSON.parse(rest!) as string[];
    }
  }
  const final = stages.at(-1)!;
  return { stages, final, cmd, healthcheck, exposed, log };
}

function stageNamed(stages: Stage[], name: string): Stage {
  const found = stages.find((stage) => stage.name === name);
  if (!found) throw new Error(`Dockerfile: no stage ${name}`);
  return found;
}

/** The environment a RUN step (or the container) sees: the image's node first on PATH, the stage's ENV. */
export function runEnv(stage: Stage, options: Pick<BuildOptions, "nodeBin" | "env">, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: `${options.nodeBin}:${process.env.PATH ?? ""}`, HOME: process.env.HOME ?? "/root", ...options.env, ...stage.env, ...extra };
}

/** `docker run`'s working directory for the final stage. */
export function workdirOf(stage: Stage): string {
  return inside(stage, ".");
}

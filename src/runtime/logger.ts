//! Purpose: the runtime's pino logger, built synchronously: readable lines on a terminal, JSON lines otherwise or with LOG_FORMAT=json.
import { writeSync } from "node:fs";
import { Writable } from "node:stream";
import pino from "pino";
import type { Settings } from "./settings.js";

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const HIDDEN = new Set(["level", "time", "pid", "hostname", "msg", "name"]);

/** `fd` 1 (stdout, the server's and the sweep's) or 2 (stderr, when stdout carries a command's output). */
export function createLogger(settings: Pick<Settings, "logLevel" | "logFormat">, fd: 1 | 2 = 1): pino.Logger {
  const tty = Boolean((fd === 1 ? process.stdout : process.stderr).isTTY);
  const pretty = settings.logFormat === "pretty" || (settings.logFormat === undefined && tty);
  // Synchronous writes: a CLI that exits right after its last line must not lose it.
  const destination = pretty ? readable(fd) : pino.destination({ fd, sync: true });
  return pino({ level: settings.logLevel, base: undefined }, destination);
}

/** `12:00:01 INFO  sweep done repos=1 bugs=3`: one line per entry, fields as key=value. */
export function formatLine(entry: Record<string, unknown>): string {
  const time = new Date(typeof entry.time === "number" ? entry.time : Date.now()).toISOString().slice(11, 19);
  const level = (LEVELS[Number(entry.level)] ?? String(entry.level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return `${time} ${level} ${String(entry.msg ?? "")}${fields.length ? ` ${fields.join(" ")}` : ""}\n`;
}

function readable(fd: 1 | 2): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (!line) continue;
        let text = `${line}\n`;
        try {
          text = formatLine(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // Not JSON (cannot happen with pino): print as is.
        }
        writeSync(fd, text);
      }
      done();
    },
  });
}

//! Purpose: GitHub's content limits as a sliding window (80 a minute, 500 an hour): how long the next write waits.
import { describe, expect, it } from "vitest";
import { ContentLimits } from "../../src/write/content-limits.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T = 1_000_000_000_000;

describe("ContentLimits", () => {
  it.each<[name: string, limits: { perMinute: number; perHour: number }, writes: number[], at: number, wait: number]>([
    ["nothing written: now", { perMinute: 80, perHour: 500 }, [], T, 0],
    ["79 in the minute: now", { perMinute: 80, perHour: 500 }, Array.from({ length: 79 }, (_, i) => T + i * 100), T + 8_000, 0],
    ["80 in the minute: until the oldest leaves it", { perMinute: 80, perHour: 500 }, Array.from({ length: 80 }, (_, i) => T + i * 100), T + 8_000, MINUTE - 8_000],
    ["80, the oldest a minute old: now", { perMinute: 80, perHour: 500 }, Array.from({ length: 80 }, (_, i) => T + i * 100), T + MINUTE, 0],
    ["500 in the hour, 5 a minute apart: until the oldest is an hour old", { perMinute: 80, perHour: 500 }, Array.from({ length: 500 }, (_, i) => T + i * 7_000), T + 500 * 7_000, HOUR - 500 * 7_000],
    ["a lower hour: 3 written, 3 allowed", { perMinute: 80, perHour: 3 }, [T, T + 1_000, T + 2_000], T + 10_000, HOUR - 10_000],
    ["writes older than an hour are forgotten", { perMinute: 80, perHour: 3 }, [T, T + 1_000, T + 2_000], T + HOUR + 1_000, 0],
  ])("%s", (_name, limits, writes, at, wait) => {
    const window = new ContentLimits(limits);
    for (const time of writes) window.record(time);
    expect(window.waitAt(at)).toBe(wait);
  });

  it("counts the writes a stopped run made (seeded) and several requests of one item", () => {
    const window = new ContentLimits({ perMinute: 80, perHour: 4 }, [T - 10_000, T - 5_000]);
    window.record(T, 2);
    expect(window.inLastHour(T)).toBe(4);
    expect(window.waitAt(T)).toBe(HOUR - 10_000);
  });
});

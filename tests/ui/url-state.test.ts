import { describe, expect, it } from "vitest";
import { MAX_LABEL_FILTERS, parseTypedLabelPair as parseTypedFilter } from "@/lib/protocol/labels";
import {
  DEFAULT_PAGE_SIZE,
  parseSessionsView,
  rangeOf,
  serializeSessionsView,
  withLabel,
  withoutLabel,
} from "@/components/sessions/url-state";

const parse = (qs: string) => parseSessionsView(new URLSearchParams(qs));

describe("sessions URL state", () => {
  it("reads repeated label filters, page and size", () => {
    const v = parse("label=env:prod&label=team:ml&page=3&size=50");
    expect(v.labels).toEqual([
      { key: "env", value: "prod" },
      { key: "team", value: "ml" },
    ]);
    expect(v.page).toBe(3);
    expect(v.size).toBe(50);
    expect(v.notices).toEqual([]);
  });

  it("defaults to page 1 and the default size with no params", () => {
    expect(parse("")).toEqual({ labels: [], page: 1, size: DEFAULT_PAGE_SIZE, notices: [] });
  });

  it("splits a label at the first colon so values may hold colons", () => {
    expect(parse("label=url:http://x:1").labels).toEqual([{ key: "url", value: "http://x:1" }]);
  });

  it.each([
    ["label=noseparator", "label filter"],
    ["label=:value", "label filter"],
    ["label=key:", "label filter"],
    [`label=${"k".repeat(129)}:v`, "label filter"],
    ["page=0", "page"],
    ["page=-2", "page"],
    ["page=abc", "page"],
    ["page=1.5", "page"],
    ["page=99999999999999", "page"],
    ["size=7", "page size"],
    ["size=1000", "page size"],
    ["size=", "page size"],
  ])("ignores the malformed %s with a notice instead of failing", (qs, what) => {
    const v = parse(qs);
    expect(v.notices).toHaveLength(1);
    expect(v.notices[0]).toContain(what);
    expect(v.page).toBe(1);
    expect(v.size).toBe(DEFAULT_PAGE_SIZE);
  });

  it("keeps the valid parts beside a malformed one", () => {
    const v = parse("label=env:prod&label=bad&page=2&size=oops");
    expect(v.labels).toEqual([{ key: "env", value: "prod" }]);
    expect(v.page).toBe(2);
    expect(v.notices).toHaveLength(2);
  });

  it("keeps the first value of a repeated key and reports the conflicting one", () => {
    const v = parse("label=env:prod&label=env:dev&label=env:prod");
    expect(v.labels).toEqual([{ key: "env", value: "prod" }]);
    expect(v.notices).toHaveLength(1);
  });

  it("caps the number of filters", () => {
    const qs = Array.from({ length: MAX_LABEL_FILTERS + 3 }, (_, i) => `label=k${i}:v`).join("&");
    const v = parse(qs);
    expect(v.labels).toHaveLength(MAX_LABEL_FILTERS);
    expect(v.notices).toHaveLength(3);
  });

  it("round-trips through serialize, leaving defaults out", () => {
    const view = {
      labels: [
        { key: "env", value: "prod" },
        { key: "team", value: "a b&c" },
      ],
      page: 3,
      size: 25 as const,
    };
    const qs = serializeSessionsView(view);
    const back = parse(qs.slice(1));
    expect({ labels: back.labels, page: back.page, size: back.size }).toEqual(view);
    expect(serializeSessionsView({ labels: [], page: 1, size: DEFAULT_PAGE_SIZE })).toBe("");
  });

  it("adding a filter replaces the same key and goes back to page 1", () => {
    const v = withLabel({ labels: [{ key: "env", value: "dev" }], page: 4, size: 50 }, { key: "env", value: "prod" });
    expect(v).toEqual({ labels: [{ key: "env", value: "prod" }], page: 1, size: 50 });
    expect(withoutLabel(v, "env").labels).toEqual([]);
  });
});

describe("typed filter", () => {
  it("accepts key=value and key:value, trimming", () => {
    expect(parseTypedFilter(" env = prod ")).toEqual({ key: "env", value: "prod" });
    expect(parseTypedFilter("env:prod")).toEqual({ key: "env", value: "prod" });
    expect(parseTypedFilter("url=http://x")).toEqual({ key: "url", value: "http://x" });
  });
  it.each(["env", "=prod", "env=", "   ", "a:b=c"])("rejects %j", (s) => {
    expect(parseTypedFilter(s)).toBeNull();
  });
});

describe("range", () => {
  it("computes the shown range", () => {
    expect(rangeOf(2, 50, 10_000)).toEqual({ from: 51, to: 100 });
    expect(rangeOf(3, 50, 120)).toEqual({ from: 101, to: 120 });
    expect(rangeOf(1, 50, 0)).toEqual({ from: 0, to: 0 });
  });
});

import { formatAge, formatCountdown } from "@/components/sessions/format";
describe("time formatting", () => {
  it("formats countdowns", () => {
    expect(formatCountdown(-5)).toBe("0s");
    expect(formatCountdown(12_400)).toBe("12s");
    expect(formatCountdown(249_000)).toBe("4m 09s");
    expect(formatCountdown(3_900_000)).toBe("1h 05m");
    expect(formatCountdown(90_000_000)).toBe("1d 1h");
  });
  it("formats ages", () => {
    const now = Date.parse("2025-01-01T01:00:00Z");
    expect(formatAge("2025-01-01T00:57:00Z", now)).toBe("3m ago");
    expect(formatAge("nonsense", now)).toBe("—");
  });
});

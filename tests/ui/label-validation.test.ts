import { describe, expect, it } from "vitest";
import { labelsFromRows, sameLabels, validateLabelRows, type LabelRow } from "@/components/labels/label-validation";
import { LABEL_LIMITS } from "@/lib/protocol/labels";

const row = (id: string, key: string, value: string): LabelRow => ({ id, key, value });

describe("label validation as the user types", () => {
  it("accepts valid labels", () => {
    const v = validateLabelRows([row("a", "env", "prod"), row("b", "team", "ml")]);
    expect(v.valid).toBe(true);
  });

  it("flags an empty key and an empty value on their own rows", () => {
    const v = validateLabelRows([row("a", "", "prod"), row("b", "env", "  ")]);
    expect(v.valid).toBe(false);
    expect(v.rows.a?.key).toMatch(/key cannot be empty/i);
    expect(v.rows.b?.value).toMatch(/value cannot be empty/i);
  });

  it("ignores completely blank rows", () => {
    expect(validateLabelRows([row("a", "", ""), row("b", "env", "x")]).valid).toBe(true);
    expect(labelsFromRows([row("a", " ", ""), row("b", " env ", " x ")])).toEqual({ env: "x" });
  });

  it("flags a duplicate key on the second row only, comparing trimmed keys", () => {
    const v = validateLabelRows([row("a", "env", "prod"), row("b", "env ", "dev")]);
    expect(v.rows.a).toBeUndefined();
    expect(v.rows.b?.key).toMatch(/duplicate key "env"/i);
  });

  it("enforces the length limits", () => {
    const v = validateLabelRows([row("a", "k".repeat(LABEL_LIMITS.keyMax + 1), "v".repeat(LABEL_LIMITS.valueMax + 1))]);
    expect(v.rows.a?.key).toContain(String(LABEL_LIMITS.keyMax));
    expect(v.rows.a?.value).toContain(String(LABEL_LIMITS.valueMax));
    expect(
      validateLabelRows([row("a", "k".repeat(LABEL_LIMITS.keyMax), "v".repeat(LABEL_LIMITS.valueMax))]).valid,
    ).toBe(true);
  });

  it("enforces the per-session count", () => {
    const rows = Array.from({ length: LABEL_LIMITS.perSession + 1 }, (_, i) => row(`r${i}`, `k${i}`, "v"));
    const v = validateLabelRows(rows);
    expect(v.valid).toBe(false);
    expect(v.form).toContain(String(LABEL_LIMITS.perSession));
    expect(validateLabelRows(rows.slice(1)).valid).toBe(true);
  });

  it("compares label sets ignoring order", () => {
    expect(sameLabels({ a: "1", b: "2" }, { b: "2", a: "1" })).toBe(true);
    expect(sameLabels({ a: "1" }, { a: "2" })).toBe(false);
    expect(sameLabels({ a: "1" }, { a: "1", b: "2" })).toBe(false);
  });
});

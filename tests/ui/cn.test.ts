// cn(): later Tailwind utilities replace earlier ones of the same group, as the components'
// `className` overrides need. Expectations are what tailwind-merge (which cn replaced) answered.
import { describe, expect, it } from "vitest";
import { cn } from "@/lib/utils";

describe("cn", () => {
  it.each([
    [["p-2", "p-4"], "p-4"],
    [["px-4", "p-2"], "p-2"],
    [["p-2", "px-4"], "p-2 px-4"],
    [["py-2", "pt-1"], "py-2 pt-1"],
    [["mt-5", "m-2"], "m-2"],
    [["size-9", "size-8"], "size-8"],
    [["h-9 w-10", "size-8"], "size-8"],
    [["size-8", "w-10"], "size-8 w-10"],
    [["text-sm text-muted-foreground", "text-xs text-destructive"], "text-xs text-destructive"],
    [["text-sm", "text-center"], "text-sm text-center"],
    [["leading-none", "text-lg"], "text-lg"],
    [["font-medium", "font-mono"], "font-medium font-mono"],
    [["font-medium", "font-semibold"], "font-semibold"],
    [["border border-input", "border-destructive"], "border border-destructive"],
    [["border", "border-2"], "border-2"],
    [["ring-2 ring-ring", "ring-offset-1"], "ring-2 ring-ring ring-offset-1"],
    [["flex", "hidden"], "hidden"],
    [["flex", "flex-col"], "flex flex-col"],
    [["shrink-0", "flex-1"], "flex-1"],
    [["inline-flex", "max-sm:hidden", "max-sm:block"], "inline-flex max-sm:block"],
    [["hover:bg-muted", "bg-primary", "hover:bg-primary/90"], "bg-primary hover:bg-primary/90"],
    [["[&_svg]:size-4", "[&_svg]:size-3"], "[&_svg]:size-3"],
    [["right-0 top-0", "inset-0"], "inset-0"],
    [["rounded-md", "rounded-full"], "rounded-full"],
    [["rounded-t-md", "rounded-lg"], "rounded-lg"],
    [["gap-x-2", "gap-4"], "gap-4"],
    [["overflow-x-auto", "overflow-hidden"], "overflow-hidden"],
    [["-translate-y-1/2", "translate-y-0"], "translate-y-0"],
    [["opacity-50", "opacity-100"], "opacity-100"],
    [["tabular-nums", "text-warning font-medium"], "tabular-nums text-warning font-medium"],
    [["min-w-0 truncate", "block"], "min-w-0 truncate block"],
  ])("%j → %s", (inputs, want) => {
    expect(cn(...inputs)).toBe(want);
  });

  it("drops falsy parts and keeps classes it does not know", () => {
    expect(cn("a-thing", false, null, undefined, "", "other-thing", { on: true, off: false })).toBe(
      "a-thing other-thing on",
    );
  });
});

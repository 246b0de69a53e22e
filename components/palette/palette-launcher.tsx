"use client";
// Always-mounted and tiny: listens for ⌘K / Ctrl+K (the command palette) and `?` (the shortcut
// list) and loads the palette's code on first use, so it does not weigh on any page's first load.
import * as React from "react";
import { EARLY_PALETTE_KEY, PALETTE_READY } from "./early-keys";

const CommandPalette = React.lazy(() => import("./command-palette"));

export type PaletteMode = "commands" | "shortcuts";

const typingIn = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return Boolean(
    el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.closest(".xterm, .cm-editor")),
  );
};

export function PaletteLauncher() {
  const [mode, setMode] = React.useState<PaletteMode | null>(null);
  const [loaded, setLoaded] = React.useState(false);
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setLoaded(true);
        setMode((m) => (m === "commands" ? null : "commands"));
      } else if (e.key === "?" && !e.metaKey && !e.ctrlKey && !typingIn(e.target)) {
        e.preventDefault();
        setLoaded(true);
        setMode("shortcuts");
      }
    };
    window.addEventListener("keydown", onKey);
    const w = window as unknown as Record<string, unknown>;
    w[PALETTE_READY] = true;
    if (w[EARLY_PALETTE_KEY]) {
      delete w[EARLY_PALETTE_KEY];
      // a press that came before this listener: answered as if it came now
      queueMicrotask(() => {
        setLoaded(true);
        setMode("commands");
      });
    }
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return loaded ? (
    <React.Suspense>
      <CommandPalette mode={mode} onModeChange={setMode} />
    </React.Suspense>
  ) : null;
}

"use client";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import type { ThemeChoice } from "@/lib/theme";
import { useTheme } from "./theme-provider";

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };

/**
 * Cycles system → light → dark; the label says the current choice and what a click does. The icon
 * of each choice comes rendered from the server header (no icon code in the first load).
 */
export function ThemeToggle({ icons }: { icons: Record<ThemeChoice, React.ReactNode> }) {
  const { choice, setChoice } = useTheme();
  const label = `Theme: ${choice}. Switch to ${NEXT[choice]}`;
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      title={label}
      onClick={() => setChoice(NEXT[choice])}
      data-testid="theme-toggle"
    >
      {icons[choice]}
    </Button>
  );
}

"use client";
import { Monitor, Moon, Sun } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ThemeChoice } from "@/lib/theme";
import { useTheme } from "./theme-provider";

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };
const NAME: Record<ThemeChoice, string> = { system: "system", light: "light", dark: "dark" };

/** Cycles system → light → dark; the label says the current choice and what a click does. */
export function ThemeToggle() {
  const { choice, setChoice } = useTheme();
  const Icon = choice === "light" ? Sun : choice === "dark" ? Moon : Monitor;
  const label = `Theme: ${NAME[choice]}. Switch to ${NAME[NEXT[choice]]}`;
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      title={label}
      onClick={() => setChoice(NEXT[choice])}
      data-testid="theme-toggle"
    >
      <Icon aria-hidden />
    </Button>
  );
}

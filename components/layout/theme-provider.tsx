"use client";
import * as React from "react";
import { THEME_STORAGE_KEY, resolveTheme, type ThemeChoice } from "@/lib/theme";

type ThemeState = { choice: ThemeChoice; resolved: "light" | "dark"; setChoice: (c: ThemeChoice) => void };
const ThemeContext = React.createContext<ThemeState | null>(null);

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

export function ThemeProvider({ children }: { children: React.ReactNode }) {
  const [choice, setChoiceState] = React.useState<ThemeChoice>("system");
  const [resolved, setResolved] = React.useState<"light" | "dark">("light");

  React.useEffect(() => {
    // localStorage is only readable after hydration; the head script already painted the right theme.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setChoiceState(readChoice());
  }, []);

  React.useEffect(() => {
    const apply = () => {
      const r = resolveTheme(choice);
      document.documentElement.dataset.theme = r;
      setResolved(r);
    };
    apply();
    if (choice !== "system") return;
    const mq = window.matchMedia("(prefers-color-scheme: dark)");
    mq.addEventListener("change", apply);
    return () => mq.removeEventListener("change", apply);
  }, [choice]);

  const setChoice = React.useCallback((c: ThemeChoice) => {
    try {
      if (c === "system") localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, c);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setChoiceState(c);
  }, []);

  const value = React.useMemo(() => ({ choice, resolved, setChoice }), [choice, resolved, setChoice]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  const ctx = React.useContext(ThemeContext);
  if (!ctx) throw new Error("useTheme must be used inside ThemeProvider");
  return ctx;
}

export type ThemeChoice = "light" | "dark" | "system";
export const THEME_STORAGE_KEY = "agb-theme";

/**
 * Runs inline in <head> before first paint so a dark-mode user never sees a white flash.
 * Kept as a string (not a bundled module) because it must execute before React loads.
 */
export const themeBootScript = `(function(){try{var c=localStorage.getItem("${THEME_STORAGE_KEY}");var d=c==="dark"||(c!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.dataset.theme=d?"dark":"light";}catch(e){}})();`;

export function resolveTheme(choice: ThemeChoice): "light" | "dark" {
  if (choice !== "system") return choice;
  return typeof window !== "undefined" && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

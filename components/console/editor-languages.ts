// Syntax modes, each loaded only when first needed so the editor chunk stays small.
import type { Extension } from "@codemirror/state";
import type { Language } from "@/lib/api/schemas/console";

export type EditorLanguage = Language | "json" | "typescript" | null;

const cache = new Map<string, Promise<Extension>>();

export function loadEditorLanguage(lang: EditorLanguage): Promise<Extension> {
  if (!lang) return Promise.resolve([]);
  let p = cache.get(lang);
  if (!p) {
    p = importLanguage(lang);
    cache.set(lang, p);
  }
  return p;
}

async function importLanguage(lang: Exclude<EditorLanguage, null>): Promise<Extension> {
  switch (lang) {
    case "python":
      return (await import("@codemirror/lang-python")).python();
    case "javascript":
    case "json":
      return (await import("@codemirror/lang-javascript")).javascript();
    case "typescript":
      return (await import("@codemirror/lang-javascript")).javascript({ typescript: true });
    case "java":
      return (await import("@codemirror/lang-java")).java();
    case "r": {
      const [{ StreamLanguage }, { r }] = await Promise.all([
        import("@codemirror/language"),
        import("@codemirror/legacy-modes/mode/r"),
      ]);
      return StreamLanguage.define(r);
    }
  }
}

const BY_EXTENSION: Record<string, EditorLanguage> = {
  py: "python",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  ts: "typescript",
  tsx: "typescript",
  json: "json",
  java: "java",
  r: "r",
};

/** The syntax mode for a file name, by extension (case-insensitive), or null for plain text. */
export function languageForFile(name: string): EditorLanguage {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

// The images a session can be created from (docs/protocol.md, "Images"). The embedded runtime
// offers exactly these; AGB cloud documents the same public ids.

export interface ImageSpec {
  id: string;
  name: string;
  kind: "code" | "browser";
  /** run_code languages (canonical names, as the SDK sends them) */
  languages: string[];
}

/** run_code's canonical languages (the SDK maps aliases such as `py` or `node` to these). */
export const LANGUAGES = ["python", "javascript", "java", "r"] as const;

export const IMAGES: readonly ImageSpec[] = [
  { id: "agb-code-space-1", name: "Code Space 1", kind: "code", languages: [...LANGUAGES] },
  { id: "agb-code-space-2", name: "Code Space 2", kind: "code", languages: [...LANGUAGES] },
  { id: "agb-browser-use-1", name: "Browser Use 1", kind: "browser", languages: [] },
];

export const IMAGE_IDS = IMAGES.map((i) => i.id);
export const CODE_IMAGE_IDS = IMAGES.filter((i) => i.kind === "code").map((i) => i.id);

/**
 * The images the embedded runtime offers. `GET /local/images` serves this list to the dashboard's
 * create form; createSession refuses any other id with a message listing these.
 */
export interface RuntimeImage {
  id: string;
  name: string;
  description: string;
  kind: "code" | "browser";
  /** run_code languages (canonical names, as the SDK sends them) */
  languages: string[];
}

export const IMAGES: readonly RuntimeImage[] = [
  {
    id: "agb-code-space-1",
    name: "Code Space 1",
    description: "Linux sandbox with shell, file tools and persistent Python, JavaScript, Java and R kernels.",
    kind: "code",
    languages: ["python", "javascript", "java", "r"],
  },
  {
    id: "agb-code-space-2",
    name: "Code Space 2",
    description: "Linux sandbox with shell, file tools and persistent Python, JavaScript, Java and R kernels.",
    kind: "code",
    languages: ["python", "javascript", "java", "r"],
  },
  {
    id: "agb-browser-use-1",
    name: "Browser Use 1",
    description: "Accepted for compatibility: shell and file tools work; browser and computer tools are not available in the embedded runtime.",
    kind: "browser",
    languages: [],
  },
];

export const IMAGE_IDS = IMAGES.map((i) => i.id);

export function findImage(id: string): RuntimeImage | undefined {
  return IMAGES.find((i) => i.id === id);
}

export function unknownImageMessage(id: string): string {
  return `Unknown imageId "${id}". Valid image ids: ${IMAGE_IDS.join(", ")}`;
}

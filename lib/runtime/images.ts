/**
 * The images the embedded runtime offers. `GET /local/images` serves this list to the dashboard's
 * create form; createSession refuses any other id with a message listing these. The ids, kinds and
 * languages are lib/protocol/images.ts's.
 */
import { IMAGE_IDS, IMAGES as SPECS, type ImageSpec } from "../protocol/images";

export interface RuntimeImage extends ImageSpec {
  description: string;
}

const DESCRIPTIONS: Record<ImageSpec["kind"], string> = {
  code: "Linux sandbox with shell, file tools and persistent Python, JavaScript, Java and R kernels.",
  browser:
    "Accepted for compatibility: shell and file tools work; browser and computer tools are not available in the embedded runtime.",
};

export const IMAGES: readonly RuntimeImage[] = SPECS.map((i) => ({ ...i, description: DESCRIPTIONS[i.kind] }));

export function findImage(id: string): RuntimeImage | undefined {
  return IMAGES.find((i) => i.id === id);
}

export function unknownImageMessage(id: string): string {
  return `Unknown imageId "${id}". Valid image ids: ${IMAGE_IDS.join(", ")}`;
}

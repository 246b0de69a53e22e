import "server-only";
// The image catalogue: the embedded runtime's `GET /local/images`, or on AGB cloud (which has no
// such call) the public images the SDK documents.
import { IDLE_TIMEOUT, type ImageInfo } from "@/lib/api/schemas/sessions";
import { isAgbError, type AgbClient } from "@/lib/agb/client";

export const CLOUD_IMAGES: ImageInfo[] = [
  { id: "agb-code-space-1", name: "Code space 1", description: "Code execution sandbox", languages: ["python", "javascript", "java", "r"], tools: [] },
  { id: "agb-code-space-2", name: "Code space 2", description: "Code execution sandbox", languages: ["python", "javascript", "java", "r"], tools: [] },
  { id: "agb-browser-use-1", name: "Browser use 1", description: "Browser automation sandbox", languages: [], tools: [] },
];

export async function listImages(agb: AgbClient) {
  try {
    const r = await agb.listLocalImages();
    return {
      images: r.images.map((i) => ({ id: i.id, name: i.name ?? i.id, description: i.description ?? "", languages: i.languages ?? [], tools: i.tools ?? [] })),
      idleTimeout: r.idleTimeout ? { min: r.idleTimeout.min, max: r.idleTimeout.max, default: r.idleTimeout.default } : { ...IDLE_TIMEOUT },
    };
  } catch (e) {
    // Unreachable backend is a real failure; "no such call" means AGB cloud.
    if (isAgbError(e) && (e.kind === "network" || e.kind === "timeout" || e.kind === "auth")) throw e;
    return { images: CLOUD_IMAGES, idleTimeout: { ...IDLE_TIMEOUT } };
  }
}

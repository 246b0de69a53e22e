import "server-only";
// The image catalogue: the embedded runtime's `GET /local/images`, or on AGB cloud (which has no
// such call) the public images the SDK documents.
import { type ImageInfo, type imagesResponse } from "@/lib/api/schemas/sessions";
import { IDLE_TIMEOUT_S } from "@/lib/protocol/idle";
import { IMAGES } from "@/lib/protocol/images";
import type { z } from "@/lib/api/zod";
import { isAgbError, type AgbClient } from "@/lib/agb/client";

type ImagesResponse = z.infer<typeof imagesResponse>;

export const CLOUD_IMAGES: ImageInfo[] = IMAGES.map((i) => ({
  id: i.id,
  name: i.name,
  description: i.kind === "code" ? "Code execution sandbox" : "Browser automation sandbox",
  languages: i.languages,
  tools: [],
}));

const TTL_MS = 60_000;
let cache: { at: number; key: AgbClient; value: ImagesResponse } | null = null;

/** Each image's tool names (listTools), so pages can tell which console features it has. */
async function withTools(agb: AgbClient, images: ImageInfo[]): Promise<ImageInfo[]> {
  return Promise.all(
    images.map(async (i) => {
      if (i.tools.length > 0) return i;
      try {
        return { ...i, tools: (await agb.listTools(i.id)).tools.map((t) => t.name) };
      } catch {
        return i;
      }
    }),
  );
}

export async function listImages(agb: AgbClient): Promise<ImagesResponse> {
  if (cache && cache.key === agb && Date.now() - cache.at < TTL_MS) return cache.value;
  let value: ImagesResponse;
  try {
    const r = await agb.listLocalImages();
    value = {
      images: r.images.map((i) => ({
        id: i.id,
        name: i.name ?? i.id,
        description: i.description ?? "",
        languages: i.languages ?? [],
        tools: i.tools ?? [],
      })),
      idleTimeout: r.idleTimeout
        ? { min: r.idleTimeout.min, max: r.idleTimeout.max, default: r.idleTimeout.default }
        : { ...IDLE_TIMEOUT_S },
    };
  } catch (e) {
    // Unreachable backend is a real failure; "no such call" means AGB cloud.
    if (isAgbError(e) && (e.kind === "network" || e.kind === "timeout" || e.kind === "auth")) throw e;
    value = { images: CLOUD_IMAGES, idleTimeout: { ...IDLE_TIMEOUT_S } };
  }
  value = { ...value, images: await withTools(agb, value.images) };
  cache = { at: Date.now(), key: agb, value };
  return value;
}

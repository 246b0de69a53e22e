// Test data through the dashboard's own API (the same routes the pages use), with labels unique
// to each test so specs never see each other's sessions.
import { expect, type APIRequestContext, type TestInfo } from "@playwright/test";
import type { SessionDetail } from "../../lib/api/schemas/sessions";

export type Labels = Record<string, string>;

/** A short tag unique to this test run and test, for use as a label value. */
export function uniqueTag(info: TestInfo, prefix = "t"): string {
  const rand = Math.random().toString(36).slice(2, 7);
  return `${prefix}-${info.workerIndex}-${Date.now().toString(36)}-${rand}`;
}

export function originHeaders(baseURL: string) {
  return { origin: new URL(baseURL).origin };
}

let cachedImage: string | null = null;
export async function firstImage(request: APIRequestContext): Promise<string> {
  if (cachedImage) return cachedImage;
  const res = await request.get("/api/images");
  expect(res.ok(), `GET /api/images → ${res.status()}`).toBeTruthy();
  const body = (await res.json()) as { images: { id: string }[] };
  cachedImage = body.images[0].id;
  return cachedImage;
}

export async function createSession(
  request: APIRequestContext,
  baseURL: string,
  labels: Labels,
  idleTimeoutSeconds = 600,
): Promise<SessionDetail> {
  const imageId = await firstImage(request);
  const res = await request.post("/api/sessions", {
    data: { imageId, labels, idleTimeoutSeconds },
    headers: originHeaders(baseURL),
  });
  expect(res.status(), `POST /api/sessions → ${await res.text()}`).toBe(201);
  return (await res.json()) as SessionDetail;
}

/** Creates `n` sessions one after another (the runtime starts sandboxes one at a time anyway). */
export async function createSessions(
  request: APIRequestContext,
  baseURL: string,
  n: number,
  labels: (i: number) => Labels,
): Promise<SessionDetail[]> {
  const out: SessionDetail[] = [];
  for (let i = 0; i < n; i++) out.push(await createSession(request, baseURL, labels(i)));
  return out;
}

export async function deleteSession(request: APIRequestContext, baseURL: string, id: string): Promise<void> {
  await request.delete(`/api/sessions/${encodeURIComponent(id)}`, { headers: originHeaders(baseURL) });
}

/** Removes what a test created; a session the test already deleted is fine. */
export async function cleanup(request: APIRequestContext, baseURL: string, tag: string, key = "e2e"): Promise<void> {
  const res = await request.get(`/api/sessions/ids?label=${encodeURIComponent(`${key}:${tag}`)}`);
  if (!res.ok()) return;
  const { ids } = (await res.json()) as { ids: string[] };
  if (ids.length)
    await request.post("/api/sessions/bulk-delete", { data: { sessionIds: ids }, headers: originHeaders(baseURL) });
}

import { test as base, expect } from "@playwright/test";
import { cleanup, uniqueTag } from "./seed";

/** Each test gets a unique `e2e=<tag>` label value; sessions carrying it are deleted afterwards. */
export const test = base.extend<{ tag: string; origin: string }>({
  origin: async ({ baseURL }, provide) => {
    await provide(baseURL!);
  },
  tag: async ({ request, baseURL }, provide, info) => {
    const tag = uniqueTag(info);
    await provide(tag);
    await cleanup(request, baseURL!, tag);
  },
});

export { expect };

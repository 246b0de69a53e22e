import { test as base, expect } from "@playwright/test";
import { cleanup, uniqueTag } from "./seed";

/** Each test gets a unique `e2e=<tag>` label value; sessions carrying it are deleted afterwards. */
export const test = base.extend<{ tag: string; origin: string }>({
  origin: async ({ baseURL }, use) => {
    await use(baseURL!);
  },
  tag: async ({ request, baseURL }, use, info) => {
    const tag = uniqueTag(info);
    await use(tag);
    await cleanup(request, baseURL!, tag);
  },
});

export { expect };

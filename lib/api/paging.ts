// The sessions list's paging limits, apart from its zod schemas so the browser's first load has no zod.

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** How far a page without a cursor may be from page 1 (each step is one ListSession call). */
export const MAX_WALK_PAGES = 20;

// The sessions list's paging limits, apart from its zod schemas so the browser's first load has no zod.

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * How far the browser reads to reach a page whose cursor it does not know (a link to page N, the
 * last page): one request, and one ListSession call, per page before it, in turn and with a
 * progress notice. 200 pages of 50 are a fleet of 10,000 sessions.
 */
export const MAX_WALK_PAGES = 200;

/** How far one request without a cursor may read: every page before it is an AGB call within that request. */
export const MAX_SERVER_WALK_PAGES = 20;

import { z } from "../zod";

/** The answer of a mutation that returns nothing but the AGB requestId to quote. */
export const requestIdResponse = z.object({ requestId: z.string() });

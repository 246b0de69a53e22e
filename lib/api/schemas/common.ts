import { ROLES } from "../roles";
import { z } from "../zod";

export const role = z.enum(ROLES);

/** The answer of a mutation that returns nothing but the AGB requestId to quote. */
export const requestIdResponse = z.object({ requestId: z.string() });

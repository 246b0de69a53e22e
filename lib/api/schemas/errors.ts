import { z } from "../zod";

export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.optional(z.string()),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});

export const loginBody = z.object({
  /** Defaults to the first admin, "admin". */
  username: z.optional(z.string().check(z.minLength(1, "Enter your user name"), z.maxLength(128))),
  password: z.string().check(z.minLength(1, "Enter the password"), z.maxLength(1024)),
});

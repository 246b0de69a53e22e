// Users, invites and the account page: what the Users page (admin) and the Account page (anyone
// logged in) send and receive.
import { role } from "./common";
import { z } from "../zod";

export const USERNAME_MAX = 64;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

/** Login names: 1–64 of a-z 0-9 . _ - @, stored lower-case (so unique without regard to case). */
export const username = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(1, "Enter a user name"),
    z.maxLength(USERNAME_MAX, `A user name has at most ${USERNAME_MAX} characters`),
    z.regex(/^[a-z0-9._@-]+$/, "A user name may only use letters, digits and . _ - @"),
  );

/** A password someone chooses (accepting an invite, changing their own). */
export const newPassword = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN, `A password needs at least ${PASSWORD_MIN} characters`),
    z.maxLength(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters`),
  );

export const userRow = z.object({
  id: z.number(),
  username: z.string(),
  role,
  disabled: z.boolean(),
  /** Signs in with OpenID Connect (has no password here). */
  oidc: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type UserRow = z.infer<typeof userRow>;

export const listUsersResponse = z.object({ users: z.array(userRow) });

/** POST /api/users/invites */
export const inviteUserBody = z.object({ username, role });
export const inviteResponse = z.object({
  username: z.string(),
  role,
  /** The one-time link's path, `/invite/<token>`: shown once, only its hash is stored. */
  path: z.string(),
  expiresAt: z.number(),
});

/** GET /api/users/invites: the links not used yet and not expired, newest first. */
export const pendingInvite = z.object({
  /** The stored SHA-256 of the link's token: names the invite, cannot be used as a link. */
  id: z.string(),
  username: z.string(),
  role,
  /** The admin who created it (null once that user is gone). */
  invitedBy: z.nullable(z.string()),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type PendingInvite = z.infer<typeof pendingInvite>;
export const listInvitesResponse = z.object({ invites: z.array(pendingInvite) });

/** DELETE /api/users/invites/[inviteId]: the invite that stopped working. */
export const revokeInviteResponse = z.object({ username: z.string(), role });

/** POST /api/invites/accept (public: the token is the credential). */
export const acceptInviteBody = z.object({
  token: z.string().check(z.minLength(1, "The invite link has no token"), z.maxLength(200)),
  password: newPassword,
});

/** PUT /api/users/[uid]: either or both. */
export const updateUserBody = z.object({ role: z.optional(role), disabled: z.optional(z.boolean()) });
export const updateUserResponse = z.object({ user: userRow, endedLogins: z.number() });

/** POST /api/users/[uid]/password: a generated password, shown once to the admin. */
export const resetPasswordResponse = z.object({ username: z.string(), password: z.string(), endedLogins: z.number() });

/** POST /api/account/password */
export const changePasswordBody = z.object({
  currentPassword: z.string().check(z.minLength(1, "Enter your current password"), z.maxLength(PASSWORD_MAX)),
  newPassword,
});
export const changePasswordResponse = z.object({ endedLogins: z.number() });

export const loginRow = z.object({
  id: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  expiresAt: z.number(),
  ip: z.string(),
  userAgent: z.string(),
  /** The login of the browser asking. */
  current: z.boolean(),
});
export type LoginRow = z.infer<typeof loginRow>;
export const listLoginsResponse = z.object({ logins: z.array(loginRow) });
